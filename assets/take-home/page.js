// The take-home page: reads the model's share off the curve bolwerk embedded in the
// page (its points, computed by bolwerk's own model), for a number of employees typed
// or slid. No requests, no inline handlers, nothing but this file's own code.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("curve").textContent);
  const points = data.points;
  const plot = data.plot;
  const form = document.getElementById("yours");
  const field = document.getElementById("size");
  const slider = document.getElementById("slider");
  const readout = document.getElementById("readout");
  const drawn = ["marker", "guide-x", "guide-y"].map((id) => document.getElementById(id));
  const [marker, guideX, guideY] = drawn;
  const EXAMPLE = 1000;
  const least = points[0][0];
  const most = points[points.length - 1][0];

  // The model's share at n employees, in percent: between two embedded points, on
  // the straight line through them on log–log axes (where the curve is nearly one).
  const share = (n) => {
    const x = Math.log(n);
    let i = 0;
    while (i < points.length - 2 && Math.log(points[i + 1][0]) <= x) i += 1;
    const [n0, p0] = points[i];
    const [n1, p1] = points[i + 1];
    const t = (x - Math.log(n0)) / (Math.log(n1) - Math.log(n0));
    return Math.exp(Math.log(p0) + t * (Math.log(p1) - Math.log(p0)));
  };

  const grouped = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, data.group);
  const written = (n) => grouped(String(n));
  const percent = (p) => {
    const [w, f] = p.toFixed(1).split(".");
    return grouped(w) + data.mark + f;
  };

  // A typed number of employees: digits, or digits in the language's groups of three
  // (1.000 in Dutch, 1,000 in English; 2.5 is no number of employees in either).
  const group = data.group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const whole = new RegExp("^(\\d+|\\d{1,3}(" + group + "\\d{3})+)$");
  const parse = (typed) => {
    const t = typed.trim();
    if (!whole.test(t)) return null;
    const n = Number(t.split(data.group).join(""));
    return Number.isSafeInteger(n) && n >= least && n <= most ? n : null;
  };

  const x = (n) =>
    plot.left + (Math.log10(n / least) / Math.log10(most / least)) * plot.width;
  const y = (p) => plot.top + plot.height * (1 - p / plot.ymax);

  const show = (n) => {
    const p = share(n);
    readout.classList.remove("error");
    readout.dataset.share = String(p);
    readout.textContent = (n === 1 ? data.one : data.other)
      .replace("{n}", written(n))
      .replace("{share}", percent(p));
    const [cx, cy] = [x(n), y(p)];
    const bottom = plot.top + plot.height;
    marker.setAttribute("cx", cx);
    marker.setAttribute("cy", cy);
    for (const [line, x1, y1] of [[guideX, cx, bottom], [guideY, plot.left, cy]]) {
      line.setAttribute("x1", x1);
      line.setAttribute("y1", y1);
      line.setAttribute("x2", cx);
      line.setAttribute("y2", cy);
    }
    for (const el of drawn) el.removeAttribute("visibility");
  };

  const refuse = () => {
    readout.classList.add("error");
    delete readout.dataset.share;
    readout.textContent = data.outOfRange;
    for (const el of drawn) el.setAttribute("visibility", "hidden");
  };

  field.addEventListener("input", () => {
    if (field.value.trim() === "") return;
    const n = parse(field.value);
    if (n === null) return refuse();
    slider.value = String(Math.round(Math.log10(n) * 100));
    show(n);
  });
  slider.addEventListener("input", () => {
    const n = Math.round(10 ** (Number(slider.value) / 100));
    field.value = written(n);
    show(n);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  // The slider runs over the curve's sizes, in hundredths of a power of ten.
  slider.min = String(Math.round(Math.log10(least) * 100));
  slider.max = String(Math.round(Math.log10(most) * 100));
  // An example to start from, so the curve shows how it is read.
  field.value = written(EXAMPLE);
  slider.value = String(Math.round(Math.log10(EXAMPLE) * 100));
  show(EXAMPLE);
  form.hidden = false;
})();
