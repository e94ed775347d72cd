// Quick exit and printing: the "Leave this site" link works without this script; with it, a click or the
// Escape key replaces this page in the history (so Back does not return here) and clears the
// form first.
(function () {
  "use strict";
  // The print button needs the script, so it starts hidden and appears only with it.
  var print = document.querySelector(".print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var target = link.getAttribute("data-neutral") || link.href;
  function leave(event) {
    if (event) { event.preventDefault(); }
    try {
      var forms = document.forms;
      for (var i = 0; i < forms.length; i++) { forms[i].reset(); }
      document.body.style.visibility = "hidden";
      document.title = "";
    } catch (e) { /* leave anyway */ }
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { leave(event); }
  });
})();
