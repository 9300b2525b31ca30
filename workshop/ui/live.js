// The live bar: one EventSource per page that reruns only the board fragment when
// its workshop changes, plus the phase timer, which counts down here in the browser.
// Streamlit mounts this again on every rerun without calling the previous mount's
// cleanup, so everything long-lived (the stream, the timer's interval) is kept once
// per page in window.__workshopLive and always works from the newest data.
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const page = (window.__workshopLive = window.__workshopLive || {});
  page.trigger = setTriggerValue; // the component re-mounts on reruns: keep the newest
  page.rendered = data.rev;
  page.presenceRendered = data.presence;
  page.watchPresence = data.watch_presence;

  if (data.remember_cookie) {
    document.cookie = data.remember_cookie + "; path=/; SameSite=Strict; max-age=2592000";
  }

  const root = parentElement.querySelector(".live") || parentElement;
  const online = root.querySelector(".online");
  const timer = root.querySelector(".timer");
  const status = root.querySelector(".status");

  if (page.url !== data.url) {
    if (page.source) page.source.close();
    page.url = data.url;
    page.timerRev = undefined; // another workshop's revisions
    page.source = new EventSource(data.url);
    page.pending = null;
    page.source.onopen = () => { page.connected = true; page.paint && page.paint(); };
    page.source.onerror = () => { page.connected = false; page.paint && page.paint(); };
    page.source.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      page.online = msg.online;
      page.connected = true;
      page.latest = msg;
      page.timerFrom && page.timerFrom(msg);
      page.paint && page.paint();
      page.catchUp();
    };
  }

  const scriptRunning = () => document.querySelector("[data-testid='stApp']")
    ?.getAttribute("data-test-script-state") === "running";

  // Rerun when the page shows an older state than the stream announced. A rerun can be
  // lost (after a server restart the old fragment is gone), so look again; after three
  // misses reload the page, which keeps identity: it is in the address and a cookie.
  page.catchUp = () => {
    const msg = page.latest;
    const stale = msg && (msg.rev !== page.rendered ||
      (page.watchPresence && msg.presence !== page.presenceRendered));
    if (!stale) { page.misses = 0; return; }
    if (page.pending) return;
    // A run in flight draws the newest state, usually the very change announced (this
    // page's own click wrote it): judge once the run has ended, against what it drew,
    // instead of asking for a second run of the whole board. A run that seems stuck
    // (the server went away mid-run) is not waited for longer than a few seconds.
    if (!scriptRunning()) page.waitingSince = null;
    else {
      page.waitingSince = page.waitingSince || Date.now();
      if (Date.now() - page.waitingSince < 5000) {
        page.pending = setTimeout(() => { page.pending = null; page.catchUp(); }, 100);
        return;
      }
    }
    // Coalesce bursts: at most one rerun in flight and one per 250 ms, with the newest
    // state; a page that was quiet reruns at once.
    const wait = Math.max(0, (page.lastRun || 0) + 250 - Date.now());
    page.pending = setTimeout(() => {
      page.misses = (page.misses || 0) + 1;
      if (page.misses > 3) { window.location.reload(); return; }
      page.lastRun = Date.now();
      page.trigger("changed", page.lastRun);
      page.pending = setTimeout(function judge() {
        // A busy server takes its time: only a rerun that ended stale counts as lost.
        if (scriptRunning()) { page.pending = setTimeout(judge, 500); return; }
        page.pending = null;
        page.catchUp();
      }, 2000);
    }, wait);
  };
  if (page.pending) clearTimeout(page.pending); // a fresh render: judge again from here
  page.pending = null;
  page.lastRun = Date.now();
  page.catchUp();

  page.onlineLabel = data.online_label;
  page.reconnectingLabel = data.reconnecting_label;
  page.timeUpLabel = data.time_up_label;
  page.bar = { root, online, status, timer }; // this mount's elements
  page.paint = () => {
    const bar = page.bar;
    if (bar.online) bar.online.textContent = page.online === undefined ? "" : page.online + " " + page.onlineLabel;
    if (bar.status) bar.status.textContent = page.connected === false ? page.reconnectingLabel : "";
    bar.root.classList.toggle("offline", page.connected === false);
  };

  // The server's clock, as seen from here: a sample taken on arrival is late by the
  // time it travelled, so the largest of the recent samples is the closest one.
  page.clockSamples = page.clockSamples || [];
  const sampleClock = (serverNow) => {
    page.clockSamples.push(serverNow * 1000 - Date.now());
    if (page.clockSamples.length > 8) page.clockSamples.shift();
    page.offset = Math.max(...page.clockSamples);
  };
  // Both the page's data and the stream say when the timer ends; the newer revision
  // wins, so a rerun that started before a change cannot bring an old timer back.
  page.timerFrom = (source) => {
    if (source.server_now) sampleClock(source.server_now);
    if (page.timerRev !== undefined && source.rev < page.timerRev) return;
    page.timerRev = source.rev;
    page.endsAt = source.timer_ends_at || null;
    page.tick();
  };
  page.tick = () => {
    const el = page.bar.timer;
    if (!el) return;
    let text = "";
    let up = false;
    if (page.endsAt) {
      const left = Math.max(0, Math.ceil((page.endsAt * 1000 - (Date.now() + page.offset)) / 1000));
      const mm = String(Math.floor(left / 60)).padStart(2, "0");
      const ss = String(left % 60).padStart(2, "0");
      up = left === 0;
      text = up ? page.timeUpLabel : mm + ":" + ss; // the clock icon is drawn by the CSS
    }
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("up", up);
  };
  page.timerFrom(data);
  page.paint();
  // One interval for the page, four times a second: every screen turns to the next
  // second within a quarter of a second of the others.
  if (!page.ticking) page.ticking = setInterval(() => page.tick(), 250);
}
