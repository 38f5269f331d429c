// Runs after require.js and before the widget embedder (see nb_ipywidgets_js in site/conf.py):
// tells RequireJS where the widget modules are on this site, so nothing is fetched elsewhere.
(function () {
  var root = document.documentElement.dataset.content_root || "./";
  var manager = root + "_static/npm/html-manager/";
  var paths = {
    "jupyter-matplotlib": root + "_static/npm/jupyter-matplotlib/index",
    "@jupyter-widgets/html-manager/dist": manager.slice(0, -1),
  };
  // Each bundle inside the embedder loads its icon fonts relative to its own module URL.
  ["base", "base7", "controls", "controls7", "html-manager"].forEach(function (name) {
    paths["@jupyter-widgets/" + name] = manager + name;
  });
  require.config({ paths: paths });

  // @jupyter-widgets/base still calls MathJax 2's MathJax.Hub.Queue; the site loads MathJax 3.
  function bridgeMathJax() {
    var mathjax = window.MathJax;
    if (!mathjax || mathjax.Hub) return;
    mathjax.Hub = {
      Queue: function (command) {
        var element = command && command[2], mj = window.MathJax;
        if (mj && mj.startup && mj.startup.promise && mj.typesetPromise) {
          mj.startup.promise.then(function () { return mj.typesetPromise(element ? [element] : undefined); });
        }
      },
    };
  }
  bridgeMathJax();
  document.addEventListener("DOMContentLoaded", bridgeMathJax);
})();
