/* How many times `needle` is in the visible text of `el` (hidden elements do not count). */
(el, needle) => el.innerText.split(needle).length - 1
