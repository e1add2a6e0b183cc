// Add compiled bytecode (.pyc) to the browser's wheels, for the modules the lessons import.
//
//     node tools/site/precompile.mjs STAGE_DIR NOTEBOOK...
//
// Compiling Python source is slow in WebAssembly: importing the course's modules from source
// takes about twice as long as from bytecode. So, at build time, Pyodide itself runs (in Node) on
// the staged wheels: it imports what the kernel imports, runs the code cells of every lesson to
// see which modules they import, and compiles exactly those modules. The .pyc files go into each
// wheel beside their source (which stays, for tracebacks and `??`), in "unchecked hash" form, so
// that Python uses them without comparing file dates. Run by tools/site/build_site.py, which then
// writes the hashes of the changed wheels into the site's pyodide-lock.json.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [stage, ...notebooks] = process.argv.slice(2);
if (!stage) {
  console.error("usage: node precompile.mjs STAGE_DIR NOTEBOOK...");
  process.exit(2);
}
const stageDir = path.resolve(stage);
const { loadPyodide } = await import(pathToFileURL(path.join(stageDir, "pyodide.mjs")).href);
const lock = JSON.parse(await (await import("node:fs/promises")).readFile(path.join(stageDir, "pyodide-lock.json"), "utf8"));

const pyodide = await loadPyodide({ indexURL: stageDir + "/", stdout: () => {}, stderr: () => {} });
await pyodide.loadPackage(Object.keys(lock.packages), { messageCallback: () => {}, errorCallback: (m) => console.error(m) });
pyodide.FS.mkdirTree("/stage");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: stageDir }, "/stage");
pyodide.FS.mkdirTree("/notebooks");
const nbDirs = [...new Set(notebooks.map((nb) => path.dirname(path.resolve(nb))))];
if (nbDirs.length > 1) throw new Error("the notebooks must be in one folder");
if (nbDirs.length) pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: nbDirs[0] }, "/notebooks");
pyodide.globals.set("NOTEBOOKS", pyodide.toPy(notebooks.map((nb) => "/notebooks/" + path.basename(nb))));

const report = await pyodide.runPythonAsync(`
import base64, hashlib, io, json, os, py_compile, sys, sysconfig, zipfile

SITE = "/" + sysconfig.get_paths()["purelib"].lstrip("/")  # Pyodide says "//lib/..."
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
failures = []

# What the lessons import: run their code cells (displays go nowhere; widgets have no front end).
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
for notebook in NOTEBOOKS:
    with open(notebook, encoding="utf-8") as handle:
        cells = json.load(handle)["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        result = shell.run_cell(source, silent=True)
        if not result.success:
            failures.append(f"{os.path.basename(notebook)}: {str(result.error_in_exec or result.error_before_exec)[:200]}")

# What the kernel imports when it starts (after the lessons: once imported, it takes over comms).
InteractiveShell.clear_instance()
for name in ("pyodide_kernel", "ipykernel", "piplite", "micropip", "comm", "IPython", "jedi"):
    try:
        __import__(name)
    except Exception as exc:
        failures.append(f"import {name}: {type(exc).__name__}: {exc}")

used = set()
for module in list(sys.modules.values()):
    file = getattr(module, "__file__", None) or ""
    if file.startswith(SITE + "/") and file.endswith(".py"):
        used.add(os.path.relpath(file, SITE))

def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"

compiled = {}
tag = sys.implementation.cache_tag
for wheel in sorted(os.listdir("/stage")):
    if not wheel.endswith(".whl"):
        continue
    path = "/stage/" + wheel
    with zipfile.ZipFile(path) as src:
        names = src.namelist()
        targets = [n for n in names if n in used]
        if not targets:
            continue
        members = [(n, src.read(n)) for n in names if not n.endswith("/")]
    record_name = next(n for n, _ in members if n.endswith(".dist-info/RECORD"))
    added = []
    for rel in targets:
        folder, file = os.path.split(rel)
        pyc_rel = f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc" if folder else f"__pycache__/{file[:-3]}.{tag}.pyc"
        if pyc_rel in names:
            continue
        out = "/tmp/precompiled.pyc"
        py_compile.compile(os.path.join(SITE, rel), cfile=out, dfile=os.path.join(SITE, rel), doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        with open(out, "rb") as handle:
            added.append((pyc_rel, handle.read()))
    if not added:
        continue
    kept = [(n, d) for n, d in members if n != record_name] + added
    record = "\\n".join([record_line(n, d) for n, d in kept] + [f"{record_name},,"]) + "\\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in kept + [(record_name, record.encode())]:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    compiled[wheel] = len(added)

json.dumps({"compiled": compiled, "failures": failures, "modules": len(used)})
`);
console.log(report);
