// Tocsin dashboard: small enhancements of pages that work without it (SPEC §12). Served from
// <base>/static/ under Content-Security-Policy default-src 'self': no inline code anywhere.
// - live rows on a checks page and a live check page, from the server's event stream;
// - relative times ("5 min ago") kept current;
// - copy buttons for the "how to ping" snippets; the project switcher submits on change.
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

  document.addEventListener("DOMContentLoaded", function () {
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
