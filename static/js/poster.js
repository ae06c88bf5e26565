// The poster page: "Print" prints the poster image only (print CSS hides the rest).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
