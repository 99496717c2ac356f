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

  // Ask before an action that removes something (data-confirm holds the
  // question); without this file the action runs as the button says.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); e.stopImmediatePropagation(); }
    });
  });

  // An appraisal's total follows the amounts typed in its boxes (which start
  // at the amounts proposed), marked as not saved until the form is.
  var appraise = document.getElementById("appraise-form");
  var appraisedTotal = document.getElementById("total-appraised");
  if (appraise && appraisedTotal) {
    var sumAppraised = function () {
      var sum = 0;
      appraise.querySelectorAll("input[name=appraised]").forEach(function (input) {
        var digits = input.value.replace(/[^0-9]/g, "");
        if (digits) { sum += Number(digits); }
      });
      var text = String(sum).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đ";
      appraisedTotal.textContent = text === savedTotal ? text : text + " " + (appraisedTotal.dataset.unsaved || "");
    };
    var savedTotal = appraisedTotal.textContent.trim();
    appraise.addEventListener("input", sumAppraised);
    sumAppraised();
  }

  // Prevent a double submission of a slow form (upload, import).
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });

  // Type-ahead for long pickers (units, tasks): a search box above each
  // long select filters its options as one types, ignoring case and
  // diacritics only to find candidates; the select itself is unchanged, so
  // the form posts the same values, and without this file the full list
  // still works. The box says how many are chosen.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.querySelectorAll("select").forEach(function (sel) {
    if (sel.options.length < 15 || sel.dataset.noFilter !== undefined) { return; }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-filter";
    box.placeholder = document.documentElement.lang === "en" ? "Type to filter…" : "Gõ để lọc…";
    box.setAttribute("aria-label", (sel.labels && sel.labels[0] ? sel.labels[0].textContent + ": " : "") + box.placeholder);
    var count = document.createElement("small");
    count.className = "picker-count";
    var keys = Array.prototype.map.call(sel.options, function (o) { return fold(o.textContent); });
    function chosen() {
      if (!sel.multiple) { return; }
      var n = Array.prototype.filter.call(sel.options, function (o) { return o.selected; }).length;
      count.textContent = n ? (document.documentElement.lang === "en" ? n + " chosen" : "đã chọn " + n) : "";
    }
    box.addEventListener("input", function () {
      var q = fold(box.value.trim());
      Array.prototype.forEach.call(sel.options, function (o, i) {
        o.hidden = q !== "" && keys[i].indexOf(q) < 0 && !o.selected;
      });
      Array.prototype.forEach.call(sel.querySelectorAll("optgroup"), function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
    });
    sel.addEventListener("change", chosen);
    sel.parentNode.insertBefore(box, sel);
    sel.parentNode.insertBefore(count, sel.nextSibling);
    chosen();
  });

  // The budget lines as a grid: amounts and the total follow what is typed,
  // rows can be added, and rows copied from a spreadsheet (item, quantity,
  // unit, unit price, separated by tabs) paste into the grid. The server
  // computes and checks everything again when the form is saved.
  var lines = document.getElementById("line-table");
  if (lines) {
    var money = function (s) { return Number(String(s).replace(/[^0-9]/g, "")) || 0; };
    var fmt = function (n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
    var recompute = function () {
      var total = 0;
      lines.querySelectorAll("tr.line-row").forEach(function (row) {
        var q = Number(String(row.querySelector("[name=quantity]").value).replace(",", ".")) || 0;
        var amount = Math.round(q * money(row.querySelector("[name=price]").value));
        row.querySelector(".line-amount").textContent = amount ? fmt(amount) : "";
        total += amount;
      });
      document.getElementById("lines-total").textContent = fmt(total);
    };
    var addRow = function () {
      var rows = lines.querySelectorAll("tr.line-row");
      var row = rows[rows.length - 1].cloneNode(true);
      row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
      row.querySelectorAll("select").forEach(function (s) { s.selectedIndex = s.name === "source" ? s.selectedIndex : 0; });
      row.cells[0].firstChild.textContent = String(rows.length + 1);
      lines.tBodies[0].appendChild(row);
      return row;
    };
    lines.addEventListener("input", recompute);
    lines.addEventListener("paste", function (e) {
      var text = (e.clipboardData || window.clipboardData).getData("text");
      if (!e.target.name || text.indexOf("\t") < 0) { return; }
      e.preventDefault();
      var row = e.target.closest("tr");
      text.replace(/\r/g, "").split("\n").filter(function (l) { return l.trim() !== ""; }).forEach(function (l, i) {
        if (i > 0) { row = row.nextElementSibling || addRow(); }
        var c = l.split("\t");
        ["item", "quantity", "uom", "price"].forEach(function (name, j) {
          if (c[j] !== undefined) { row.querySelector("[name=" + name + "]").value = c[j].trim(); }
        });
      });
      recompute();
    });
    var add = document.getElementById("add-line");
    add.closest(".js-only").hidden = false;
    add.addEventListener("click", function () { addRow().querySelector("[name=item]").focus(); recompute(); });
    recompute();
  }

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

// A page that shows work under way (data-refresh-seconds on its status)
// reloads itself until the work is done; without scripts, its link does.
(function () {
  var el = document.querySelector('[data-refresh-seconds]');
  if (!el) { return; }
  var s = parseInt(el.getAttribute('data-refresh-seconds'), 10);
  if (s > 0) { setTimeout(function () { window.location.reload(); }, s * 1000); }
})();
