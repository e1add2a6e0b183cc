/* Start the deck and draw each figure when its slide is shown (plotly cannot measure a hidden slide). */
(function () {
  var options = document.currentScript.dataset;

  function draw(slide) {
    if (!slide) return;
    slide.querySelectorAll('.legpain-plot').forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = 'drawing';
      var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
      Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
        el.dataset.drawn = 'yes';
      });
    });
  }

  Reveal.initialize({
    width: Number(options.width),
    height: Number(options.height),
    margin: 0.04,
    hash: true,
    slideNumber: 'c/t',
    transition: 'none',
    plugins: [RevealNotes],
  }).then(function () { draw(Reveal.getCurrentSlide()); });
  Reveal.on('slidechanged', function (event) { draw(event.currentSlide); });
})();
