// ttdn: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";

  // Ask before leaving a form with unsaved changes.
  document.querySelectorAll("form.form").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ""; }
    });
  });

  // Refuse an oversized upload before sending it (the server checks too).
  document.querySelectorAll("form[data-max-bytes]").forEach(function (form) {
    var limit = Number(form.dataset.maxBytes);
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      input.addEventListener("change", function () {
        var f = input.files && input.files[0];
        input.setCustomValidity(f && f.size > limit ? form.dataset.tooLarge : "");
        input.reportValidity();
      });
    });
  });

  // Prevent a double submission of a slow form (upload, import).
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });

  // Highlight a unit match the user changed from the parser's choice.
  document.querySelectorAll("select.unit-select").forEach(function (sel) {
    var initial = sel.value;
    sel.addEventListener("change", function () {
      sel.closest("tr").classList.toggle("changed", sel.value !== initial);
    });
  });
})();
