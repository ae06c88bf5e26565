// Store pages: fill the prompt from an example (new store); copy links and codes (store detail).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var example = e.target.closest("[data-example]");
    if (example) {
      var prompt = document.getElementById("prompt");
      prompt.value = example.getAttribute("data-example");
      prompt.focus();
      return;
    }
    var b = e.target.closest("[data-copy]");
    if (!b) return;
    var el = document.querySelector(b.getAttribute("data-copy"));
    var text = el.value !== undefined ? el.value : el.getAttribute("href");
    var done = function () { var old = b.textContent; b.textContent = b.dataset.copied || "Copied"; setTimeout(function () { b.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done, function () {}); }
    else { if (el.select) { el.select(); } try { document.execCommand("copy"); done(); } catch (err) {} }
  });
})();
