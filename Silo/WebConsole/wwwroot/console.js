// The operator console: reads the JSON API, redraws a section when the server says its topic changed
// (server-sent events), and sends the operator's actions. Figures are shown as the API gives them:
// money in bankroll units, ROI, CLV, edge and drawdown as percentages, times in UTC.
"use strict";

const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const num = (v, d = 2) => (v === null || v === undefined || typeof v !== "number" ? "-" : v.toFixed(d));
const pct = (v, d = 1) => (v === null || v === undefined || typeof v !== "number" ? "-" : (v * 100).toFixed(d) + " %");
const utc = (t) => (t ? String(t).replace("T", " ").replace(/:\d\d(\.\d+)?Z?$/, "") : "-");
let canAct = false;

async function api(path, options) {
  const response = await fetch("/api" + path, { credentials: "same-origin", ...options });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const why = body && (body.detail || body.title) ? body.detail || body.title : response.status + " " + response.statusText;
    throw new Error(why);
  }
  return body;
}

function table(columns, rows) {
  if (rows.length === 0) return '<p class="note">none</p>';
  const head = "<tr>" + columns.map((c) => "<th>" + esc(c) + "</th>").join("") + "</tr>";
  return "<table><thead>" + head + "</thead><tbody>" + rows.map((r) => "<tr>" + r.join("") + "</tr>").join("") + "</tbody></table>";
}
const td = (v, cls) => "<td" + (cls ? ' class="' + esc(cls) + '"' : "") + ">" + esc(v) + "</td>";
const tdn = (v) => '<td class="n">' + esc(v) + "</td>";
const tdHtml = (html) => "<td>" + html + "</td>";
const button = (label, path) => (canAct ? '<button data-post="' + esc(path) + '">' + esc(label) + "</button>" : "");

const sections = {
  async market() {
    const m = await api("/market");
    $("market").textContent = m.text + " · market time " + utc(m.marketTimeUtc) + " UTC · clock ×" + num(m.speed, 0);
    const demo = $("demo");
    demo.hidden = !m.isDemo;
    demo.textContent = m.isDemo ? "Demo market: " + m.text + ". Its profit comes from the planted edge, not from skill." : "";
  },
  async me() {
    const me = await api("/me");
    canAct = me.canAct;
    $("me").textContent = (me.name ? "signed in as " + me.name : "not signed in") + (me.isOperator ? " (operator)" : "") + " · " + me.why;
  },
  async picks() {
    let p;
    try {
      p = await api("/picks");
    } catch (e) {
      $("picks-from").textContent = e.message;
      $("picks-table").innerHTML = "";
      return;
    }
    $("picks-from").textContent = "From " + p.from + ". Edge = model probability × price − 1; stake in bankroll units; decided at market time.";
    $("picks-table").innerHTML = table(
      ["Decided", "Kick-off", "Match", "Pick", "Price", "Book", "P", "Edge", "Tier", "Stake", "Votes for/against/absent", "Voters", "Outcome"],
      p.picks.map((x) => [
        td(utc(x.decidedUtc)), td(utc(x.kickoffUtc)), td(x.matchId), td(x.selection), tdn(num(x.placedPrice ?? x.price)),
        td(x.bookmaker ?? x.source), tdn(pct(x.probability)), tdn(pct(x.edge)), td(x.tier), tdn(num(x.stake)),
        td(x.votesFor + "/" + x.votesAgainst + "/" + x.absent), td(x.voters.join(", ")),
        td((x.outcome ?? "-") + (x.detail ? ": " + x.detail : ""), x.outcome),
      ]),
    );
  },
  async ledger() {
    const l = await api("/ledger?last=200");
    $("bets-summary").textContent = l.total + " bets, " + l.open + " open (newest 200 shown). CLV against the de-margined sharp close.";
    $("bets-table").innerHTML = table(
      ["Placed", "Kick-off", "Match", "Outcome", "Price", "Book", "Stake", "Status", "Profit", "CLV", "Why"],
      l.bets.slice().reverse().map((b) => [
        td(utc(b.placedUtc)), td(utc(b.kickoffUtc)), td(b.match), td(b.outcome), tdn(num(b.price)), td(b.bookmaker ?? b.source),
        tdn(num(b.stake)), td(b.status, b.status), tdn(num(b.profit)), tdn(pct(b.clv)),
        td(b.probability === null ? (b.strategies.length ? b.strategies.join(", ") : "-")
          : "p " + pct(b.probability) + ", edge " + pct(b.edge) + (b.tier ? ", " + b.tier : "") + "; voters " + b.strategies.join(", ")),
      ]),
    );
    await sections.report();
  },
  async report() {
    const r = await api("/report");
    $("report").textContent = "Bankroll " + num(r.bankroll) + " (from " + num(r.initialBankroll) + "), profit " + num(r.profit) + " on " + num(r.staked) +
      " staked: ROI " + pct(r.roi, 2) + ", mean CLV " + pct(r.meanClv, 2) + ", max drawdown " + pct(r.maxDrawdownShare) + ". " +
      r.settled + " settled, " + r.open + " open." + (r.market.isDemo ? " Demo: the profit is the plant's." : "");
    drawEquity(r.equity);
  },
  async strategies() {
    const s = await api("/strategies");
    $("strategies-table").innerHTML = table(
      ["Id", "Spec", "State", "Weight", "Validation", "Live record", ""],
      s.strategies.map((x) => [
        td(x.id), td(x.spec), td(x.pausedReason ? "Paused: " + x.pausedReason : x.lifecycle, x.pausedReason ? "Paused" : "Running"),
        tdn(num(x.consensusWeight, 3)),
        td(x.verdicts.length ? x.verdicts.map((v) => (v.passed ? "✓ " : "✗ ") + v.validator).join(", ") : "-"),
        td(x.live ? x.live.bets + " bets, ROI " + pct(x.live.roi) + ", CLV " + pct(x.live.meanClv) : "no settled bets"),
        tdHtml(
          (x.pausedReason ? button("Resume", "/strategies/" + x.id + "/resume") : button("Pause", "/strategies/" + x.id + "/pause")) +
            button("Retire", "/strategies/" + x.id + "/retire"),
        ),
      ]),
    );
  },
  async approvals() {
    const a = await api("/approvals");
    $("approvals-table").innerHTML = table(
      ["Subject", "Kind", "What", "Flags / evidence", "Queued", "State", ""],
      a.approvals.map((x) => [
        td(x.subject), td(x.kind), td(x.spec), td(x.flags.join("; ")), td(utc(x.queuedUtc)),
        td(x.state + (x.decidedBy ? " by " + x.decidedBy : ""), x.state),
        tdHtml(x.state === "Pending" ? button("Approve", "/approvals/" + encodeURIComponent(x.subject) + "/approve") +
          button("Reject", "/approvals/" + encodeURIComponent(x.subject) + "/reject") : ""),
      ]),
    );
  },
  async incidents() {
    const i = await api("/incidents?last=20");
    $("incidents-table").innerHTML = table(
      ["Id", "Detected", "Subject", "Severity", "Evidence", "Steps", "Resolved"],
      i.incidents.map((x) => [
        td(x.id), td(utc(x.detectedUtc)), td(x.subject), td(x.severity), td(x.evidence),
        td(x.actions.map((a) => a.action + " (" + a.result + ")").join("; ")),
        td(x.resolvedUtc ? utc(x.resolvedUtc) : x.escalated ? "escalated: waits for a human" : "open"),
      ]),
    );
  },
  async agents() {
    const a = await api("/agents");
    $("agents-table").innerHTML = table(
      ["Agent", "Role", "State", "Ticks", "Last tick", "Step", "Last error", ""],
      a.agents.map((x) => [
        td(x.name), td(x.role), td(x.state + (x.stateReason ? ": " + x.stateReason : ""), x.state), tdn(x.ticks), td(utc(x.lastTickUtc)),
        td(x.currentStep ?? "-"), td(x.lastError ?? ""),
        tdHtml(x.state === "Paused" ? button("Resume", "/agents/" + x.name + "/resume") : button("Pause", "/agents/" + x.name + "/pause")),
      ]),
    );
    const d = await api("/decisions?last=15");
    $("decisions-table").innerHTML = table(
      ["Cycle", "Kind", "Choice", "Reasons"],
      d.decisions.slice().reverse().map((x) => [tdn(x.cycle), td(x.kind), td(x.choice), td(x.reasons.join("; "))]),
    );
  },
  async live() {
    const l = await api("/live");
    $("live-summary").textContent = (l.missing ? "Not trading live: " + l.missing + ". " : (l.state ?? "") + ". ") +
      "Open bets " + l.openBets + ", next decision " + utc(l.nextDecisionUtc) + " (market time)" +
      (l.feedLagMarketSeconds === null ? "" : ", feed lag " + num(l.feedLagMarketSeconds, 0) + " market s (" + num(l.feedLagWallSeconds, 2) + " wall s)") +
      ". Credits used " + (l.credits.used ?? "-") + ", remaining " + (l.credits.remaining ?? "-") +
      (l.credits.forecastMonth === null ? "" : ", month forecast " + num(l.credits.forecastMonth, 0) + " of " + l.credits.monthlyCredits) + ".";
    $("live-table").innerHTML = table(
      ["Sport", "League", "Events", "Mapped", "Unmapped", "Upcoming", "Next decision", "Last poll", "Problems"],
      l.sports.map((s) => [
        td(s.sport), td(s.league ?? "-"), tdn(s.events), tdn(s.mapped), td(s.unmapped.join(", ")), tdn(s.upcoming),
        td(utc(s.nextDecisionUtc)), td(utc(s.lastPollUtc)), td(s.problems.slice(0, 5).join("; ")),
      ]),
    );
  },
  async notifications() {
    const n = await api("/notifications");
    $("notices").innerHTML = "";
    n.notifications.forEach(addNotice);
  },
};

function addNotice(n) {
  const li = document.createElement("li");
  li.className = "notice " + n.kind;
  li.textContent = utc(n.atUtc) + " UTC · " + n.text;
  $("notices").prepend(li);
}

// The equity curve as an SVG: bankroll line, drawdown shaded below its running peak; hover shows the point.
function drawEquity(points) {
  const box = $("equity-chart");
  if (!points.length) {
    box.innerHTML = '<p class="note">no settled bets yet</p>';
    return;
  }
  const w = 900, h = 260, pad = 40;
  const xs = points.map((p) => Date.parse(p.atUtc));
  const ys = points.map((p) => p.bankroll);
  const peaks = [];
  ys.reduce((m, y, i) => ((peaks[i] = Math.max(m, y)), peaks[i]), -Infinity);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) || 1];
  const [y0, y1] = [Math.min(...ys), Math.max(...peaks)];
  const X = (x) => pad + ((x - x0) / Math.max(1, x1 - x0)) * (w - 2 * pad);
  const Y = (y) => h - pad - ((y - y0) / Math.max(1e-9, y1 - y0)) * (h - 2 * pad);
  const line = points.map((p, i) => X(xs[i]).toFixed(1) + "," + Y(ys[i]).toFixed(1)).join(" ");
  const band = points.map((p, i) => X(xs[i]).toFixed(1) + "," + Y(peaks[i]).toFixed(1)).join(" ") + " " +
    points.map((p, i) => X(xs[i]).toFixed(1) + "," + Y(ys[i]).toFixed(1)).reverse().join(" ");
  box.innerHTML =
    '<svg id="equity-svg" viewBox="0 0 ' + w + " " + h + '" width="100%" role="img" aria-label="equity curve">' +
    '<line class="grid" x1="' + pad + '" y1="' + Y(y0) + '" x2="' + (w - pad) + '" y2="' + Y(y0) + '"/>' +
    '<line class="grid" x1="' + pad + '" y1="' + Y(y1) + '" x2="' + (w - pad) + '" y2="' + Y(y1) + '"/>' +
    '<polygon points="' + band + '" fill="#f4c7c3" opacity=".6"/>' +
    '<polyline id="equity-line" points="' + line + '" fill="none" stroke="#1f6feb" stroke-width="2"/>' +
    '<circle id="equity-dot" r="4" fill="#1f6feb" cx="-10" cy="-10"/>' +
    '<text x="4" y="' + (Y(y1) + 4) + '">' + num(y1, 0) + '</text><text x="4" y="' + (Y(y0) + 4) + '">' + num(y0, 0) + "</text>" +
    '<text x="' + pad + '" y="' + (h - 8) + '">' + utc(points[0].atUtc) + '</text><text x="' + (w - pad - 110) + '" y="' + (h - 8) + '">' +
    utc(points[points.length - 1].atUtc) + "</text></svg>";
  const svg = $("equity-svg");
  svg.addEventListener("mousemove", (ev) => {
    const r = svg.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * w;
    let best = 0;
    xs.forEach((v, i) => { if (Math.abs(X(v) - x) < Math.abs(X(xs[best]) - x)) best = i; });
    const dot = $("equity-dot");
    dot.setAttribute("cx", X(xs[best]));
    dot.setAttribute("cy", Y(ys[best]));
    $("equity-tip").textContent = utc(points[best].atUtc) + " UTC: bankroll " + num(ys[best]) + ", drawdown " + pct(points[best].drawdown);
  });
}

async function refresh(topics) {
  for (const t of topics) {
    try {
      await sections[t]();
    } catch (e) {
      console.warn(t, e);
    }
  }
}

document.addEventListener("click", async (ev) => {
  const path = ev.target && ev.target.getAttribute && ev.target.getAttribute("data-post");
  if (!path) return;
  const out = $("action");
  try {
    const result = await api(path, { method: "POST" });
    out.className = "action";
    out.textContent = path + ": done" + (result && result.state ? " (" + result.state + (result.decidedBy ? " by " + result.decidedBy : "") + ")" : "");
  } catch (e) {
    out.className = "action error";
    out.textContent = path + ": refused: " + e.message;
  }
  await refresh(["approvals", "strategies", "agents"]);
});

function listen() {
  const events = new EventSource("/api/events");
  events.onopen = () => ($("push").textContent = "push: live");
  events.onerror = () => ($("push").textContent = "push: reconnecting");
  events.addEventListener("change", (ev) => {
    const topics = JSON.parse(ev.data).topics.map((t) => (t === "ledger" ? "ledger" : t));
    refresh(["market", ...topics]);
  });
  events.addEventListener("notice", (ev) => addNotice(JSON.parse(ev.data)));
  // Closed when the page goes (a reload, a navigation, the back-forward cache): a browser allows six
  // connections per host, and a stream left open by each visit would leave none for the seventh.
  window.addEventListener("pagehide", () => events.close());
}

(async () => {
  await refresh(["me", "market", "picks", "ledger", "strategies", "approvals", "incidents", "agents", "live", "notifications"]);
  // First paint with every figure in place, in ms since navigation began (the console benchmark reads it).
  document.body.setAttribute("data-loaded-ms", performance.now().toFixed(0));
  document.body.setAttribute("data-loaded", "true");
  listen();
})();
