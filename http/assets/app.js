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

  // Review queue: triage by keyboard. j/k move between hits, x selects the
  // current one, r / n / a judge the selected hits (or the current one)
  // relevant / not relevant / needing action through the triage form,
  // which works without this script; Esc clears the selection.
  var queue = document.getElementById("review-queue");
  var bulk = document.getElementById("bulk-form");
  if (queue && bulk) {
    var rows = Array.prototype.slice.call(queue.querySelectorAll("li.review"));
    var boxes = function () { return queue.querySelectorAll("input.pick"); };
    var picked = function () { return queue.querySelectorAll("input.pick:checked").length; };
    var count = document.getElementById("bulk-count");
    var idle = count ? count.textContent : "";
    var all = document.getElementById("select-all");
    var current = -1;
    var update = function () {
      var n = picked();
      if (count) { count.textContent = n > 0 ? count.dataset.template.replace("%d", n) : idle; }
      if (all) { all.checked = n > 0 && n === boxes().length; }
    };
    var move = function (i) {
      if (!rows.length) { return; }
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach(function (r, k) { r.classList.toggle("current", k === current); });
      rows[current].scrollIntoView({ block: "nearest" });
      var box = rows[current].querySelector("input.pick");
      if (box) { box.focus({ preventScroll: true }); }
    };
    var judge = function (value) {
      if (!picked() && current >= 0) {
        var box = rows[current].querySelector("input.pick");
        if (box) { box.checked = true; }
      }
      var button = bulk.querySelector('button[name="triage"][value="' + value + '"]');
      if (picked() && button) { button.click(); }
    };
    ["review-keys", "select-all-label"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.hidden = false; }
    });
    if (all) {
      all.addEventListener("change", function () {
        boxes().forEach(function (b) { b.checked = all.checked; });
        update();
      });
    }
    queue.addEventListener("change", update);
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || t && (t.isContentEditable ||
          t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.tagName === "INPUT" && t.type !== "checkbox")) {
        return;
      }
      switch (e.key) {
        case "j": move(current + 1); break;
        case "k": move(current - 1); break;
        case "x":
          if (current < 0) { move(0); }
          var box = rows[current] && rows[current].querySelector("input.pick");
          if (box) { box.checked = !box.checked; update(); }
          break;
        case "r": judge("relevant"); break;
        case "n": judge("irrelevant"); break;
        case "a": judge("action"); break;
        case "Escape":
          boxes().forEach(function (b) { b.checked = false; });
          update();
          break;
        default: return;
      }
      e.preventDefault();
    });
  }

  // Highlight a unit match the user changed from the parser's choice.
  document.querySelectorAll("select.unit-select").forEach(function (sel) {
    var initial = sel.value;
    sel.addEventListener("change", function () {
      sel.closest("tr").classList.toggle("changed", sel.value !== initial);
    });
  });
})();
