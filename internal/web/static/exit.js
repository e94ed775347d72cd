/* Signpost's only script; every page works without it.
   Quick exit: "Leave this site" is a plain link to a neutral site. With this script, a click
   on it or the Escape key first empties the page and its forms, then replaces the page in the
   history with the neutral site (location.replace), so that Back does not return to it.
   Print: the results pages get a "Print this list" button, hidden when there is no script. */
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");
  if (exit) {
    var target = exit.href;
    var gone = false;
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      if (gone) { return; }
      gone = true;
      try {
        var fields = document.querySelectorAll("textarea, input, select");
        for (var i = 0; i < fields.length; i++) {
          var f = fields[i];
          if (f.type === "checkbox" || f.type === "radio") { f.checked = false; } else { f.value = ""; }
        }
        document.title = "";
        document.body.innerHTML = "";
        window.sessionStorage && window.sessionStorage.clear();
        window.localStorage && window.localStorage.clear();
      } catch (e) { /* leave anyway */ }
      window.location.replace(target);
    };
    exit.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") { leave(event); }
    });
    // A page restored from the back-forward cache after leaving leaves again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && gone) { window.location.replace(target); }
    });
    var hint = document.getElementById("exit-hint");
    if (hint) { hint.hidden = false; }
  }
  var print = document.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
