// Article page: hovering or clicking a highlighted statement shows who said it.
(function () {
  "use strict";
  var data = {};
  try {
    data = JSON.parse(document.getElementById("attributions").textContent || "{}");
  } catch (e) { data = {}; }
  var details = document.getElementById("details");
  var pinned = null;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = text; }
    return n;
  }

  function mark(id, on) {
    var nodes = document.querySelectorAll('[data-a="' + CSS.escape(id) + '"]');
    for (var i = 0; i < nodes.length; i++) { nodes[i].classList.toggle("active", on); }
  }

  function show(id) {
    var a = data[id];
    if (!a || !details) { return; }
    details.replaceChildren();
    var who = el("p", "who");
    if (a.speaker_id) {
      var link = el("a", null, a.speaker || a.speaker_id);
      link.href = "/speakers/" + encodeURIComponent(a.speaker_id);
      who.appendChild(link);
    } else {
      who.textContent = a.speaker || "unknown speaker";
    }
    details.appendChild(who);
    var dl = el("dl");
    [["kind", a.kind], ["cue", a.cue], ["source", a.source], ["to", a.addressee],
     ["confidence", a.confidence]].forEach(function (kv) {
      if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
      dl.appendChild(el("dt", null, kv[0]));
      dl.appendChild(el("dd", kv[0] === "kind" ? "kind k-" + kv[1] : null, String(kv[1])));
    });
    details.appendChild(dl);
    details.dataset.a = id;
  }

  function target(ev) {
    var t = ev.target;
    return t && t.closest ? t.closest("[data-a]") : null;
  }

  var text = document.getElementById("article-text");
  if (text) {
    text.addEventListener("mouseover", function (ev) {
      var t = target(ev);
      if (!t || pinned) { return; }
      show(t.dataset.a);
      mark(t.dataset.a, true);
    });
    text.addEventListener("mouseout", function (ev) {
      var t = target(ev);
      if (!t || pinned) { return; }
      mark(t.dataset.a, false);
    });
    text.addEventListener("click", function (ev) {
      var t = target(ev);
      if (pinned) { mark(pinned, false); }
      if (!t || pinned === t.dataset.a) { pinned = null; return; }
      pinned = t.dataset.a;
      show(pinned);
      mark(pinned, true);
    });
    text.addEventListener("keydown", function (ev) {
      var t = target(ev);
      if (t && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); t.click(); }
    });
  }
  var list = document.getElementById("statements");
  if (list) {
    list.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) { return; }
      var li = ev.target.closest("li[data-a]");
      if (!li) { return; }
      var first = text && text.querySelector('[data-a="' + CSS.escape(li.dataset.a) + '"]');
      if (first) {
        if (pinned) { mark(pinned, false); }
        pinned = li.dataset.a;
        show(pinned);
        mark(pinned, true);
        first.scrollIntoView({block: "center"});
      }
    });
  }
})();
