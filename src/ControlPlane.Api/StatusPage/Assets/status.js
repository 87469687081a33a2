// ControlPlane status page: reads /api/v1 every two seconds and patches the page in place.
// No framework and nothing loaded from elsewhere. Each section is rendered into a detached copy
// and merged into the live one by morph(), which keeps the nodes (and so focus, the open state of
// <details> and scroll position) wherever the markup did not change.
"use strict";

(() => {
  const LIVE_EVERY_MS = 2000;
  const HISTORY_EVERY_MS = 30000;
  const REQUEST_TIMEOUT_MS = 8000;
  const RECENT_DECISIONS = 15;
  const RECENT_CHANGES = 10;

  const state = {
    paused: false,
    filter: "",
    data: null,
    history: null,
    historyAt: 0,
    newestDecision: null,
    failingSince: null,
    timer: 0,
    busy: false,
  };

  // ---------- small DOM helpers ----------
  const SVG = "http://www.w3.org/2000/svg";

  function h(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  function s(tag, attrs, ...children) {
    return build(document.createElementNS(SVG, tag), attrs, children);
  }

  function build(el, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function keyOf(node) {
    return node.nodeType === 1 ? node.getAttribute("data-key") : null;
  }

  // Merges `to` into `from`: same tag and key are patched in place, everything else replaced.
  // The `open` attribute of <details> belongs to the reader, so it is never touched.
  function morph(from, to) {
    if (from.nodeType !== to.nodeType || from.nodeName !== to.nodeName || keyOf(from) !== keyOf(to)) {
      from.replaceWith(to);
      return;
    }
    if (from.nodeType !== 1) {
      if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
      return;
    }
    for (const attr of Array.from(from.attributes)) {
      if (attr.name !== "open" && !to.hasAttribute(attr.name)) from.removeAttribute(attr.name);
    }
    for (const attr of Array.from(to.attributes)) {
      if (attr.name !== "open" && from.getAttribute(attr.name) !== attr.value) from.setAttribute(attr.name, attr.value);
    }
    const keyed = new Map();
    for (const child of Array.from(from.childNodes)) {
      const key = keyOf(child);
      if (key !== null) keyed.set(key, child);
    }
    const wanted = Array.from(to.childNodes);
    wanted.forEach((next, i) => {
      const current = from.childNodes[i] || null;
      const key = keyOf(next);
      let match = key !== null ? keyed.get(key) : current && keyOf(current) === null ? current : null;
      if (match) {
        keyed.delete(key);
        if (match !== current) from.insertBefore(match, current);
        morph(match, next);
      } else {
        from.insertBefore(next, current);
      }
    });
    while (from.childNodes.length > wanted.length) from.lastChild.remove();
  }

  function patch(id, ...children) {
    const live = document.getElementById(id);
    const next = live.cloneNode(false);
    build(next, {}, children);
    morph(live, next);
  }

  // ---------- formatting ----------
  const enc = encodeURIComponent;

  function time(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toISOString().slice(11, 19) + "Z";
  }

  function dateTime(iso) {
    return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + "Z" : "";
  }

  function ago(iso, now) {
    if (!iso) return "";
    const seconds = Math.max(0, Math.round((now - new Date(iso)) / 1000));
    if (seconds < 90) return seconds + " s ago";
    if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
    if (seconds < 129600) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " d ago";
  }

  // .NET TimeSpan text ("[d.]hh:mm:ss[.fffffff]") to milliseconds.
  function spanMs(text) {
    if (typeof text === "number") return text;
    const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text || "");
    if (!m) return null;
    const ms = (((+(m[2] || 0) * 24 + +m[3]) * 60 + +m[4]) * 60 + +m[5]) * 1000;
    return m[1] ? -ms : ms;
  }

  function ms(value) {
    if (value === null || value === undefined) return "";
    return value < 10 ? value.toFixed(1) + " ms" : Math.round(value) + " ms";
  }

  // A matrix cell: its content in one box, so the phone layout can put the column's label beside it.
  function cell(attrs, ...children) {
    return h("td", attrs, h("div", { class: "cell" }, children));
  }

  function badge(text, cls) {
    return h("span", { class: "badge " + (cls || text) }, text);
  }

  function matches(...texts) {
    if (!state.filter) return true;
    return texts.some((t) => String(t || "").toLowerCase().includes(state.filter));
  }

  // ---------- data ----------
  async function getJson(path, allowed) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, { headers: { Accept: "application/json" }, signal: controller.signal, cache: "no-store" });
      if (!response.ok && !(allowed || []).includes(response.status)) {
        throw new Error("GET " + path + ": HTTP " + response.status);
      }
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  }

  async function loadLive() {
    const [health, services, decisions, changes, cluster, probing] = await Promise.all([
      getJson("/healthz", [503]),
      getJson("/api/v1/services"),
      getJson("/api/v1/decisions?limit=" + RECENT_DECISIONS),
      getJson("/api/v1/dns-changes?limit=" + RECENT_CHANGES),
      getJson("/api/v1/cluster"),
      getJson("/api/v1/probing"),
    ]);
    const serviceDetails = await Promise.all(services.map((svc) => getJson("/api/v1/services/" + enc(svc.id))));
    const endpointIds = services.flatMap((svc) => svc.endpoints.map((e) => e.id));
    const endpointDetails = await Promise.all(endpointIds.map((id) => getJson("/api/v1/endpoints/" + enc(id))));
    const endpoints = new Map(endpointDetails.map((e) => [e.id, e]));
    return { health, services, serviceDetails, endpoints, decisions, changes, cluster, probing, at: Date.now() };
  }

  async function refresh() {
    clearTimeout(state.timer);
    if (state.paused || state.busy) return; // a read in flight schedules the next one itself
    state.busy = true;
    try {
      await readAndRender();
    } finally {
      state.busy = false;
    }
    if (!state.paused) state.timer = setTimeout(refresh, state.failingSince ? LIVE_EVERY_MS * 2 : LIVE_EVERY_MS);
  }

  async function readAndRender() {
    if (document.hidden) return;
    try {
      const data = await loadLive();
      const newest = data.decisions.length ? data.decisions[0].id : null;
      if (!state.history || Date.now() - state.historyAt > HISTORY_EVERY_MS || newest !== state.newestDecision) {
        state.history = await getJson("/api/v1/history");
        state.historyAt = Date.now();
      }
      state.newestDecision = newest;
      state.data = data;
      state.failingSince = null;
      render();
    } catch (error) {
      state.failingSince = state.failingSince || Date.now();
      renderProblem("Cannot read this silo's API since " + time(new Date(state.failingSince).toISOString()) +
        " (" + error.message + "); showing the last data read.");
    }
  }

  // ---------- rendering ----------
  function render() {
    const data = state.data;
    if (!data) return;
    const now = data.at;
    const regions = regionsOf(data);
    const history = new Map(((state.history && state.history.endpoints) || []).map((e) => [e.id, e]));
    renderHeader(data, now);
    renderOverview(data);
    patch("service-list", data.services.length
      ? data.services.map((svc, i) => renderService(svc, data.serviceDetails[i], data, regions, history, now))
      : h("p", { class: "empty muted" }, "No services: no cluster definition has been applied yet."));
    renderDrains(data, now);
    renderDecisions(data, now);
    renderChanges(data, now);
    renderCluster(data, now);
    const alerts = [];
    for (const svc of data.serviceDetails) {
      if (svc.desired && svc.desired.failOpenReason) alerts.push(svc.id + " fails open: " + svc.desired.failOpenReason);
      if (svc.lastError) alerts.push(svc.id + ": DNS error: " + svc.lastError);
    }
    const quorum = [...data.endpoints.values()].filter((e) => e.quorumAlert).map((e) => e.id);
    if (quorum.length) alerts.push("Too few regions report to decide: " + quorum.join(", "));
    renderProblem(alerts.join(" \u2022 "));
    const worst = [...data.endpoints.values()].some((e) => e.health === "unhealthy") || alerts.length ? "%23b42318" : "%231a7f37";
    const icon = document.getElementById("icon");
    const href = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='" + worst + "'/%3E%3C/svg%3E";
    if (icon.getAttribute("href") !== href) icon.setAttribute("href", href);
  }

  function renderProblem(text) {
    const el = document.getElementById("problem");
    if ((el.textContent || "") !== text) el.textContent = text;
    el.hidden = !text;
  }

  function regionsOf(data) {
    const names = new Set();
    for (const e of data.endpoints.values()) for (const r of e.regions) names.add(r.region);
    return [...names].sort();
  }

  function renderHeader(data, now) {
    const hz = data.health;
    const text = "Answered by silo " + hz.silo + " (region " + hz.region + ", datacenter " + hz.datacenter + ")" +
      (hz.definitionVersion ? ", cluster definition v" + hz.definitionVersion : ", no cluster definition yet") +
      (hz.status === "ok" ? "" : ", silo " + hz.status);
    const silo = document.getElementById("silo");
    if (silo.textContent !== text) silo.textContent = text;
    const updated = document.getElementById("updated");
    const label = "Updated " + time(new Date(now).toISOString());
    if (updated.textContent !== label) updated.textContent = label;
  }

  function renderOverview(data) {
    const endpoints = [...data.endpoints.values()];
    const count = (f) => endpoints.filter(f).length;
    const failingOpen = data.serviceDetails.filter((svc) => svc.desired && svc.desired.failOpenReason).length;
    const unhealthy = count((e) => e.health === "unhealthy");
    const drains = count((e) => e.drain && (e.drain.state === "draining" || e.drain.state === "drained"));
    const quorum = count((e) => e.quorumAlert);
    const damped = count((e) => e.damped);
    const silos = data.cluster.silos.filter((silo) => silo.status !== "dead");
    const active = silos.filter((silo) => silo.status === "active").length;
    const lag = data.probing.worstLagSeconds;
    const tile = (key, value, label, cls) => h("li", { class: "tile " + (cls || ""), "data-key": key }, h("b", {}, value), label);
    patch("overview", h("h2", { class: "visually-hidden" }, "Overview"), h("ul", { class: "tiles" },
      tile("services", data.services.length, failingOpen ? "services, " + failingOpen + " failing open" : "services", failingOpen ? "bad" : ""),
      tile("healthy", count((e) => e.health === "healthy") + " / " + endpoints.length, "endpoints healthy", ""),
      tile("unhealthy", unhealthy, "endpoints unhealthy", unhealthy ? "bad" : ""),
      tile("unknown", count((e) => e.health === "unknown"), "endpoints not decided yet", ""),
      tile("drains", drains, "drained", drains ? "alert" : ""),
      tile("quorum", quorum, "quorum alerts", quorum ? "alert" : ""),
      tile("damped", damped, "damped (flapping)", damped ? "alert" : ""),
      tile("silos", active + " / " + silos.length, "silos active", active < silos.length ? "alert" : ""),
      tile("lag", lag.toFixed(2) + " s", "worst probe lag here (1 min)", lag > 1 ? "alert" : "")));
  }

  function renderService(svc, detail, data, regions, history, now) {
    const published = detail.published || [];
    const visible = svc.endpoints.some((e) => matches(svc.id, svc.dnsName, e.id, e.address, e.datacenter)) || matches(svc.id, svc.dnsName);
    const rows = svc.endpoints.map((summary) => {
      const e = data.endpoints.get(summary.id);
      return renderEndpoint(svc, summary, e, published, regions, history.get(summary.id), now);
    });
    const failOpen = detail.desired && detail.desired.failOpenReason;
    return h("article", { class: "card service" + (visible ? "" : " filtered-out"), "data-key": "svc-" + svc.id, id: "service-" + svc.id, "aria-labelledby": "service-" + svc.id + "-title" },
      h("div", { class: "card-head" },
        h("h3", { id: "service-" + svc.id + "-title" }, svc.id),
        h("span", { class: "muted" }, svc.dnsName + " \u00b7 " + svc.policy + " \u00b7 ttl " + detail.ttl + " s \u00b7 " + detail.provider),
        failOpen ? badge("fail open", "failopen") : null,
        svc.quorumAlert ? badge("quorum alert", "alert") : null,
        detail.pendingChange ? badge("DNS change pending", "alert") : null,
        detail.lastError ? badge("DNS error", "unhealthy") : null),
      h("p", { class: "published" }, "DNS publishes ",
        h("code", { "data-testid": "published-" + svc.id }, published.length ? published.join(", ") : "(nothing yet)"),
        failOpen ? h("small", {}, "Fail open: " + failOpen) : null,
        detail.lastError ? h("small", {}, "Last DNS error: " + detail.lastError) : null),
      h("div", { class: "table-wrap" },
        h("table", { class: "matrix" },
          h("caption", { class: "visually-hidden" }, "Endpoints of " + svc.id + ": health, each region's verdict, uptime and latency"),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, "Endpoint"),
            h("th", { scope: "col" }, "Health"),
            regions.map((r) => h("th", { scope: "col", "data-key": "region-" + r }, r)),
            h("th", { scope: "col" }, "Uptime 24 h"),
            h("th", { scope: "col" }, "Latency 1 h"))),
          h("tbody", {}, rows))));
  }

  function renderEndpoint(svc, summary, e, published, regions, hist, now) {
    const inDns = published.includes(summary.address);
    const visible = matches(svc.id, svc.dnsName, summary.id, summary.address, summary.datacenter);
    const health = e ? e.health : summary.health;
    const tier = svc.policy === "weighted" ? "weight " + summary.weight : svc.policy === "failover" ? "tier " + summary.priority : "";
    return h("tr", { "data-key": "ep-" + summary.id, id: "endpoint-" + summary.id, "data-health": health, "data-in-dns": inDns ? "true" : "false", class: visible ? null : "filtered-out" },
      h("th", { scope: "row", class: "endpoint-cell", "data-label": "Endpoint" },
        h("a", { href: "/api/v1/endpoints/" + enc(summary.id), title: "This endpoint as JSON" }, summary.id),
        h("small", {}, [summary.address + (e ? ":" + e.port : ""), summary.datacenter, tier].filter(Boolean).join(" \u00b7 "))),
      cell({ "data-label": "Health", class: "health-cell" },
        badge(health),
        inDns ? badge("in DNS", "up") : badge("not in DNS", "unknown"),
        e && e.drain ? badge("drained", e.drain.state) : null,
        e && e.damped ? badge("damped", "damped") : null,
        e && e.quorumAlert ? badge("quorum alert", "alert") : null,
        e && e.healthSince ? h("small", { title: dateTime(e.healthSince) }, "since " + time(e.healthSince) + " (" + ago(e.healthSince, now) + ")") : null,
        e && e.quorumRule ? h("small", {}, "quorum: " + e.quorumRule) : null),
      regions.map((r) => renderVerdict(e, r, now)),
      cell({ "data-label": "Uptime 24 h", class: "uptime-cell" }, renderUptime(hist)),
      cell({ "data-label": "Latency 1 h", class: "spark-cell" }, renderSpark(hist, regions)));
  }

  function renderVerdict(e, region, now) {
    const r = e && e.regions.find((x) => x.region === region);
    if (!r) return cell({ "data-label": region, "data-key": "v-" + region, class: "verdict" }, badge("missing", "unknown"));
    const reporting = r.status === "reporting";
    const o = r.lastObservation;
    const duration = o ? spanMs(o.duration) : null;
    const streak = r.consecutiveFailures > 0 ? r.consecutiveFailures + " failed in a row" : r.consecutiveSuccesses > 0 ? r.consecutiveSuccesses + " ok in a row" : "";
    return cell({ "data-label": region, "data-key": "v-" + region, class: "verdict", "data-verdict": r.verdict, "data-status": r.status, title: o ? o.outcome + ": " + o.detail : "no observation" },
      badge(r.verdict), reporting ? null : badge(r.status),
      o ? h("small", {}, o.detail + (duration !== null ? " \u00b7 " + ms(duration) : "")) : h("small", {}, "no observation"),
      h("small", {}, [streak, r.reportedAt ? ago(r.reportedAt, now) : ""].filter(Boolean).join(" \u00b7 ")));
  }

  function renderUptime(hist) {
    const layout = state.history && state.history.uptime;
    if (!hist || !layout) return h("small", {}, "no history yet");
    const n = hist.healthy.length;
    const w = 2;
    const gap = 1;
    const width = n * (w + gap);
    const checksAt = (i) => hist.regions.reduce((a, r) => a + (r.checks[i] || 0), 0);
    const failuresAt = (i) => hist.regions.reduce((a, r) => a + (r.failures[i] || 0), 0);
    const start = new Date(layout.start).getTime();
    const bars = hist.healthy.map((f, i) => {
      const cls = f === null ? "bar-none" : f >= 0.999 ? "bar-up" : f <= 0.001 ? "bar-down" : "bar-part";
      const from = new Date(start + i * layout.bucketSeconds * 1000).toISOString();
      const label = time(from) + ": " + (f === null ? "no data" : (f * 100).toFixed(1) + " % healthy") +
        (checksAt(i) ? ", " + checksAt(i) + " checks, " + failuresAt(i) + " failed" : "");
      return s("rect", { x: i * (w + gap), y: 0, width: w, height: 22, rx: 0.5, class: cls }, s("title", {}, label));
    });
    const percent = hist.uptimePercent === null || hist.uptimePercent === undefined ? "no data" : hist.uptimePercent.toFixed(2) + " %";
    return [
      s("svg", { viewBox: "0 0 " + width + " 22", width: width, height: 22, preserveAspectRatio: "none", role: "img", "aria-label": "Uptime over the last 24 hours: " + percent }, bars),
      h("small", {}, percent + " healthy (decided)"),
    ];
  }

  function renderSpark(hist, regions) {
    if (!hist) return h("small", {}, "no history yet");
    const series = hist.regions.map((r) => ({ region: r.region, values: r.recentLatencyMs }));
    const all = series.flatMap((x) => x.values.filter((v) => v !== null));
    if (!all.length) return h("small", {}, "no successful check in the last hour");
    const max = Math.max(...all, 1);
    const width = 120;
    const height = 26;
    const lines = series.map((x) => {
      const n = x.values.length;
      const points = x.values.map((v, i) => v === null ? null : (i * width / Math.max(1, n - 1)).toFixed(1) + "," + (height - 2 - (v / max) * (height - 4)).toFixed(1)).filter(Boolean);
      const cls = "s" + (colourOf(regions, x.region));
      if (!points.length) return null;
      const [lx, ly] = points[points.length - 1].split(",");
      return s("g", { class: cls, "data-key": "line-" + x.region },
        s("polyline", { points: points.join(" ") }),
        s("circle", { cx: lx, cy: ly, r: 2 }));
    });
    const latest = series.map((x) => {
      const last = [...x.values].reverse().find((v) => v !== null);
      return last === undefined ? null : h("span", { "data-key": "lat-" + x.region }, h("span", { class: "region-key s" + (colourOf(regions, x.region)), "aria-hidden": "true" }), x.region + " " + ms(last));
    }).filter(Boolean);
    const summary = latest.map((el) => el.textContent).join(", ");
    return [
      s("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img", "aria-label": "Mean check latency per minute over the last hour, peak " + ms(max) + "; latest " + summary }, lines),
      h("small", {}, latest.flatMap((el, i) => (i ? [" ", el] : [el]))),
    ];
  }

  // One of five line colours per region, in the order of the matrix columns.
  function colourOf(regions, region) {
    return Math.max(0, regions.indexOf(region)) % 5;
  }

  function renderDrains(data, now) {
    const drained = [...data.endpoints.values()].filter((e) => e.drain && matches(e.id, e.serviceId, e.address));
    patch("drain-list", drained.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "plain-table" },
          h("thead", {}, h("tr", {}, ["Endpoint", "Service", "State", "By", "Reason", "Since"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, drained.map((e) => h("tr", { "data-key": "drain-" + e.id },
            h("td", { "data-label": "Endpoint" }, h("a", { href: "#endpoint-" + e.id }, e.id)),
            h("td", { "data-label": "Service" }, e.serviceId),
            h("td", { "data-label": "State" }, e.drain.state),
            h("td", { "data-label": "By" }, e.drain.requestedBy),
            h("td", { "data-label": "Reason" }, e.drain.reason),
            h("td", { "data-label": "Since", title: dateTime(e.drain.startedAt) }, time(e.drain.startedAt) + " (" + ago(e.drain.startedAt, now) + ")"))))))
      : h("p", { class: "empty muted" }, "No endpoint is drained."));
  }

  function renderDecisions(data, now) {
    const decisions = data.decisions.filter((d) => matches(d.endpointId, d.serviceId, d.reason, d.actor));
    patch("decision-list", decisions.length
      ? decisions.map((d) => h("details", { class: "decision", "data-key": "d-" + d.id, "data-kind": d.kind },
          h("summary", {},
            h("time", { datetime: d.at, title: dateTime(d.at) }, time(d.at)),
            h("b", {}, d.endpointId),
            badge(d.kind, d.kind === "healthChanged" ? d.to : "alert"),
            d.kind === "healthChanged" ? h("span", {}, d.from + " \u2192 " + d.to) : null,
            h("span", { class: "muted" }, d.reason + (d.actor ? " (by " + d.actor + ")" : ""))),
          renderEvidence(d, now)))
      : h("p", { class: "empty muted" }, "No decision recorded yet."));
  }

  function renderEvidence(d, now) {
    const ev = d.evidence;
    if (!ev) return h("div", { class: "evidence" }, h("p", {}, "Recorded without quorum evidence (" + d.kind + (d.actor ? " by " + d.actor : "") + ")."));
    const q = ev.quorum;
    return h("div", { class: "evidence" },
      h("dl", {},
        h("dt", {}, "Quorum"), h("dd", {}, q.state + (q.health ? " (" + q.health + ")" : "") + ": rule " + q.rule + ", " + q.required + " required, " + q.reporting + " reporting, " + q.up + " up, " + q.down + " down"),
        h("dt", {}, "Thresholds"), h("dd", {}, "fall " + ev.fall + ", rise " + ev.rise + ", stale after " + ev.staleAfterIntervals + " intervals"),
        h("dt", {}, "Damping"), h("dd", {}, (ev.damped ? "damped" : "not damped") + ", " + ev.transitionsInWindow + " transitions in window"),
        h("dt", {}, "Decision"), h("dd", {}, d.id + " at " + dateTime(d.at))),
      h("div", { class: "table-wrap" }, h("table", { class: "plain-table" },
        h("caption", { class: "visually-hidden" }, "Each region's verdict when " + d.id + " was decided"),
        h("thead", {}, h("tr", {}, ["Region", "Status", "Verdict", "Streak", "Last observation"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, q.regions.map((r) => {
          const o = r.lastObservation;
          return h("tr", { "data-key": "er-" + r.region },
            h("td", { "data-label": "Region" }, r.region),
            h("td", { "data-label": "Status" }, r.status),
            h("td", { "data-label": "Verdict" }, badge(r.verdict)),
            h("td", { "data-label": "Streak" }, r.consecutiveSuccesses + " ok / " + r.consecutiveFailures + " failed"),
            h("td", { "data-label": "Last observation" }, o ? time(o.at) + " " + o.outcome + ": " + o.detail + " (" + ms(spanMs(o.duration)) + ")" : "none"));
        })))));
  }

  function renderChanges(data, now) {
    const changes = data.changes.filter((c) => matches(c.serviceId, c.name, c.reason, ...(c.before || []), ...(c.after || [])));
    patch("dns-list", changes.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "plain-table" },
          h("thead", {}, h("tr", {}, ["Time", "Service", "Name", "Before \u2192 after", "Reason"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, changes.map((c) => h("tr", { "data-key": "c-" + c.id },
            h("td", { "data-label": "Time", title: dateTime(c.at) }, time(c.at), c.appliedAt ? h("small", {}, "applied " + time(c.appliedAt)) : h("small", {}, c.dryRun ? "dry run" : "not applied yet")),
            h("td", { "data-label": "Service" }, c.serviceId),
            h("td", { "data-label": "Name" }, h("code", {}, c.name)),
            h("td", { "data-label": "Before \u2192 after" }, h("code", {}, (c.before || []).join(", ") + " \u2192 " + (c.after || []).join(", ")), c.failedOpen ? badge("fail open", "failopen") : null),
            h("td", { "data-label": "Reason" }, c.reason))))))
      : h("p", { class: "empty muted" }, "No DNS change recorded yet."));
  }

  function renderCluster(data, now) {
    const p = data.probing;
    patch("cluster-body",
      h("p", {}, "Membership version " + data.cluster.membershipVersion + ". This silo (" + p.silo + ", " + p.region + ") runs " + p.running +
        " check(s), " + p.waiting + " waiting for a slot (limit " + p.maxConcurrent + "); worst lag behind schedule in the last minute " + p.worstLagSeconds.toFixed(2) + " s.",
        p.worstLagSeconds > 1 ? badge("behind schedule", "alert") : null),
      h("div", { class: "table-wrap" }, h("table", { class: "plain-table" },
        h("thead", {}, h("tr", {}, ["Silo", "Region", "Address", "Status"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, data.cluster.silos.map((silo) => h("tr", { "data-key": "silo-" + silo.address },
          h("td", { "data-label": "Silo" }, silo.id, silo.self ? h("small", {}, "answering this page") : null),
          h("td", { "data-label": "Region" }, silo.region || "?"),
          h("td", { "data-label": "Address" }, h("code", {}, silo.address)),
          h("td", { "data-label": "Status" }, badge(silo.status))))))));
  }

  // ---------- controls ----------
  function start() {
    const pause = document.getElementById("pause");
    pause.addEventListener("click", () => {
      state.paused = !state.paused;
      pause.setAttribute("aria-pressed", String(state.paused));
      pause.textContent = state.paused ? "Resume updates" : "Pause updates";
      document.getElementById("updated").textContent = state.paused ? "Updates paused" : "Resuming\u2026";
      if (!state.paused) refresh();
      else clearTimeout(state.timer);
    });
    const filter = document.getElementById("filter");
    filter.addEventListener("input", () => {
      state.filter = filter.value.trim().toLowerCase();
      render();
    });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && !state.paused) refresh();
    });
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
