// What a room can read, measured inside the page (installed with addInitScript). Plain
// JavaScript because it runs in the browser as written: vitest's and tsx's transforms add
// helpers to functions that the page does not have.
//
// window.__legibility() returns
//   smallestPx / smallestText: the smallest font size any rendered text has, in CSS px, with
//     the text (HTML, SVG scaled by its transform, and canvas text as last drawn);
//   labels: how many cluster-view labels were looked at;
//   overlaps: pairs of them whose boxes intersect;
//   crossings: labels that run across the edge of a box or bar of the cluster view (a label
//     sits inside a box or outside it, never over its border);
//   cut: labels shortened with "…", and node states (the tooltip's "broker 1: CRASHED")
//     missing from the node's labels;
//   missingNumbers: replica rows whose LEO/HW numbers are only in the tooltip.

(() => {
  /** Per canvas, the smallest text drawn since its bitmap was last cleared (a width set). */
  const canvasText = new WeakMap();
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 0);
    const t = this.getTransform();
    const scale = Math.hypot(t.a, t.b) / (window.devicePixelRatio || 1);
    const size = px * scale;
    const seen = canvasText.get(this.canvas);
    if (String(text).trim() !== "" && (seen === undefined || size < seen.px)) canvasText.set(this.canvas, { px: size, text: String(text) });
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
  const width = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, "width");
  Object.defineProperty(HTMLCanvasElement.prototype, "width", {
    get() {
      return width.get.call(this);
    },
    set(v) {
      canvasText.delete(this);
      width.set.call(this, v);
    },
  });

  const SKIP = new Set(["SCRIPT", "STYLE", "TITLE", "OPTION", "NOSCRIPT", "title"]);

  const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });

  /** Font size of an element's text on screen: SVG text is scaled by the drawing's transform. */
  const fontPx = (el) => {
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (!(el instanceof SVGElement)) return px;
    const m = el.getScreenCTM();
    return m === null ? px : px * Math.hypot(m.a, m.b);
  };

  const smallest = () => {
    let best = { px: Number.POSITIVE_INFINITY, text: "" };
    const take = (px, text) => {
      if (px < best.px) best = { px, text: text.trim().slice(0, 60) };
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el === null || n.textContent.trim() === "" || SKIP.has(el.tagName) || el.closest("title") !== null) continue;
      if (!shown(el)) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      take(fontPx(el), n.textContent);
    }
    // A select shows its chosen option, an input its value: the control's own size applies.
    for (const el of document.querySelectorAll("select, input[type=text], input[type=number], input[type=search], textarea")) {
      if (shown(el) && el.getBoundingClientRect().width > 0) take(fontPx(el), el.value || el.getAttribute("placeholder") || el.tagName);
    }
    for (const c of document.querySelectorAll("canvas")) {
      const seen = canvasText.get(c);
      if (seen !== undefined && shown(c)) take(seen.px * (c.getBoundingClientRect().width / Math.max(1, c.width / (window.devicePixelRatio || 1))), seen.text);
    }
    return best;
  };

  const EPS = 0.5;
  const intersects = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > EPS && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > EPS;
  const inside = (a, b) => a.left >= b.left - EPS && a.right <= b.right + EPS && a.top >= b.top - EPS && a.bottom <= b.bottom + EPS;

  const clusterFacts = () => {
    const overlaps = [];
    const crossings = [];
    const cut = [];
    let missingNumbers = 0;
    let count = 0;
    for (const svg of document.querySelectorAll('[data-testid="cluster-svg"]')) {
      if (!shown(svg)) continue;
      const pane = svg.closest("[data-testid]")?.getAttribute("data-testid") ?? "";
      const labels = [...svg.querySelectorAll("text")]
        .filter((t) => t.textContent.trim() !== "" && shown(t))
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      const boxes = [...svg.querySelectorAll("rect")].map((r) => r.getBoundingClientRect()).filter((b) => b.width > 1 && b.height > 1);
      const whole = svg.getBoundingClientRect();
      count += labels.length;
      labels.forEach((a, i) => {
        if (a.text.includes("…")) cut.push(`${pane}: ${a.text}`);
        if (!inside(a.box, whole)) crossings.push(`${pane}: "${a.text}" leaves the drawing`);
        for (const b of labels.slice(i + 1)) if (intersects(a.box, b.box)) overlaps.push(`${pane}: "${a.text}" × "${b.text}"`);
        for (const b of boxes) if (intersects(a.box, b) && !inside(a.box, b)) crossings.push(`${pane}: "${a.text}" crosses a box edge`);
      });
      for (const node of svg.querySelectorAll(".node")) {
        const state = /^[^:]+: (.+)$/.exec(node.querySelector("title")?.textContent ?? "")?.[1];
        const texts = [...node.querySelectorAll("text")].filter(shown).map((t) => t.textContent).join(" ");
        if (state !== undefined && !texts.includes(state)) cut.push(`${pane}: ${node.getAttribute("data-testid")} without "${state}"`);
      }
      for (const row of svg.querySelectorAll('[data-testid^="replica-"]')) {
        const tip = row.querySelector("title")?.textContent ?? "";
        const texts = [...row.querySelectorAll("text")].map((t) => t.textContent).join(" ");
        if (tip.includes("LEO") && !texts.includes("LEO")) missingNumbers++;
      }
    }
    return { labels: count, overlaps, crossings, cut, missingNumbers };
  };

  window.__legibility = () => {
    const s = smallest();
    return { smallestPx: Math.round(s.px * 100) / 100, smallestText: s.text, ...clusterFacts() };
  };
})();
