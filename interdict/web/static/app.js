// Keyboard use of the web page: j/k and Enter in tables, "/" to search, "g x" to jump, "?" for help.
(function () {
  "use strict";
  let selected = -1;
  let pendingG = false;
  const rows = () => Array.from(document.querySelectorAll("table.rows tbody tr[data-href]"));
  function select(i) {
    const all = rows();
    if (!all.length) return;
    selected = Math.max(0, Math.min(i, all.length - 1));
    all.forEach((r, n) => r.classList.toggle("selected", n === selected));
    all[selected].focus();
  }
  const jumps = { q: "/web/queue", p: "/web/payments", s: "/web/screen", l: "/web/lists", a: "/web/audit" };
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) {
      if (ev.key === "Escape") t.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const help = document.getElementById("help");
    if (pendingG) {
      pendingG = false;
      if (jumps[ev.key]) { window.location.href = jumps[ev.key]; ev.preventDefault(); }
      return;
    }
    switch (ev.key) {
      case "j": select(selected + 1); break;
      case "k": select(selected - 1); break;
      case "Enter": {
        const r = rows()[selected];
        if (r) window.location.href = r.dataset.href;
        else return;
        break;
      }
      case "/": {
        const s = document.getElementById("search") || document.querySelector("main input:not([type=hidden])");
        if (s) s.focus();
        break;
      }
      case "c": { const c = document.getElementById("comment"); if (c) c.focus(); else return; break; }
      case "g": pendingG = true; break;
      case "?": if (help) help.hidden = !help.hidden; break;
      case "Escape": if (help) help.hidden = true; break;
      default: return;
    }
    ev.preventDefault();
  });
  document.addEventListener("click", (ev) => {
    const row = ev.target instanceof Element ? ev.target.closest("tr[data-href]") : null;
    if (row && !(ev.target instanceof HTMLAnchorElement) && !ev.target.closest("form")) {
      window.location.href = row.dataset.href;
    }
  });
})();
