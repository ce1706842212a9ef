// Tocsin dashboard: small enhancements of pages that work without it (SPEC §12). Served from
// <base>/static/ under Content-Security-Policy default-src 'self': no inline code anywhere.
// - live rows on a checks page and a live check page, from the server's event stream;
// - relative times ("5 min ago") kept current;
// - copy buttons for the "how to ping" snippets and keys; the project switcher submits on change;
// - forms: only the chosen kind's sections show, the schedule preview follows what is typed, and
//   after a refused post the list of problems takes the focus.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setLive(on) {
    document.querySelectorAll("[data-live-state]").forEach(function (el) {
      el.setAttribute("data-live-state", on ? "on" : "off");
      el.textContent = on ? "Live" : "Reconnecting…";
    });
  }

  function fragment(markup) {
    var template = document.createElement("template");
    template.innerHTML = markup.trim();
    return template.content.firstElementChild;
  }

  // A checks page: `row` events carry "<uuid>\n<tr>…</tr>", `remove` events a uuid.
  function liveTable(table) {
    var body = table.tBodies[0];
    var source = new EventSource(table.getAttribute("data-live"));
    var opened = false;
    source.addEventListener("open", function () {
      // changes made while the stream was down are not replayed: fetch the page once
      if (opened) refreshFrom(location.href, "tbody", body);
      opened = true;
      setLive(true);
    });
    source.addEventListener("error", function () { setLive(false); });
    source.addEventListener("row", function (e) {
      var cut = e.data.indexOf("\n");
      var uuid = e.data.slice(0, cut);
      var row = fragment(e.data.slice(cut + 1));
      var old = document.getElementById("check-" + uuid);
      // a check that is not on this page joins it only on the last page (where a new one belongs)
      if (old) old.replaceWith(row);
      else if (table.hasAttribute("data-append")) body.appendChild(row);
      else return;
      row.classList.add("flash");
      updateTimes(row);
    });
    source.addEventListener("remove", function (e) {
      var old = document.getElementById("check-" + e.data);
      if (old) old.remove();
    });
    source.addEventListener("logout", function () { source.close(); location.reload(); });
  }

  // A check's page: on `changed`, fetch the page again and swap its live part, keeping open bodies open.
  function liveCheck(region) {
    var source = new EventSource(region.getAttribute("data-live-check"));
    var busy = false;
    var again = false;
    function reload() {
      if (busy) { again = true; return; }
      busy = true;
      refreshFrom(location.href, "#check-live", region).then(function () {
        busy = false;
        if (again) { again = false; reload(); }
      });
    }
    source.addEventListener("open", function () { setLive(true); });
    source.addEventListener("error", function () { setLive(false); });
    source.addEventListener("changed", reload);
    source.addEventListener("logout", function () { source.close(); location.reload(); });
  }

  function refreshFrom(url, selector, target) {
    var open = [];
    target.querySelectorAll("details[open][id]").forEach(function (d) { open.push(d.id); });
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var fresh = doc.querySelector(selector);
        if (!fresh) return;
        target.innerHTML = fresh.innerHTML;
        open.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
        setLive(true);
        updateTimes(target);
        wireCopy(target);
      })
      .catch(function () { /* the next event or a reload will try again */ });
  }

  var UNITS = [[86400000, "d"], [3600000, "h"], [60000, "min"], [1000, "s"]];
  function relative(ms, now) {
    var delta = now - ms;
    var size = Math.abs(delta);
    if (size < 1000) return "just now";
    for (var i = 0; i < UNITS.length; i++) {
      if (size >= UNITS[i][0] || i === UNITS.length - 1) {
        var n = Math.floor(size / UNITS[i][0]);
        return delta >= 0 ? n + " " + UNITS[i][1] + " ago" : "in " + n + " " + UNITS[i][1];
      }
    }
  }
  function updateTimes(root) {
    var now = Date.now();
    (root || document).querySelectorAll("time[data-relative]").forEach(function (t) {
      var ms = Date.parse(t.getAttribute("datetime"));
      if (!isNaN(ms)) t.textContent = relative(ms, now);
    });
  }

  function wireCopy(root) {
    (root || document).querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(source.textContent).then(done);
        } else {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          if (document.execCommand("copy")) done();
        }
      });
    });
  }

  // Sections for one choice of a radio group: `data-<attr>="value"` shows only while it is chosen.
  function switchSections(form, radioName, attr) {
    var radios = form.querySelectorAll("input[type=radio][name=" + radioName + "]");
    if (radios.length === 0) return;
    function apply() {
      var chosen = form.querySelector("input[type=radio][name=" + radioName + "]:checked");
      form.querySelectorAll("[" + attr + "]").forEach(function (section) {
        section.hidden = !chosen || section.getAttribute(attr) !== chosen.value;
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", apply); });
    apply();
  }

  // The check form's schedule preview: asked again a moment after the schedule or zone changes.
  function livePreview(form) {
    var schedule = form.querySelector("input[data-preview]");
    var tz = form.querySelector("input[name=tz]");
    if (!schedule) return;
    var timer = null;
    var asked = 0;
    function refresh() {
      var box = document.getElementById("schedule-preview");
      if (!box) return;
      var ticket = ++asked;
      var url = schedule.getAttribute("data-preview") + "?schedule=" + encodeURIComponent(schedule.value) + "&tz=" + encodeURIComponent(tz ? tz.value : "");
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
        .then(function (text) {
          // an older answer arriving late must not replace a newer one
          if (ticket !== asked) return;
          var fresh = fragment(text);
          var current = document.getElementById("schedule-preview");
          if (!fresh || !current) return;
          current.replaceWith(fresh);
          // the preview's message replaces the one from the last submit, which may be stale now
          ["schedule", "tz"].forEach(function (name) {
            var field = form.querySelector("[data-field=" + name + "]");
            var stale = field && field.querySelector(".field-error");
            if (!stale) return;
            stale.hidden = true;
            field.classList.remove("field-invalid");
          });
        })
        .catch(function () { /* the next keystroke or a submit will show it */ });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }
    schedule.addEventListener("input", later);
    if (tz) tz.addEventListener("input", later);
    if (tz) tz.addEventListener("change", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      switchSections(form, "kind", "data-kind");
      switchSections(form, "shape", "data-shape");
    });
    var checkForm = document.querySelector("form[data-check-form]");
    if (checkForm) livePreview(checkForm);
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
    wireCopy(document);
    updateTimes(document);
    setInterval(updateTimes, 15000);
    if (!window.EventSource) return;
    var table = document.querySelector("table[data-live]");
    if (table) liveTable(table);
    var region = document.querySelector("[data-live-check]");
    if (region) liveCheck(region);
  });
})();
