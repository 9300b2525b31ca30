// The live bar: one EventSource per page that reruns only the board fragment when
// its workshop changes, plus the phase timer, which counts down here in the browser.
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
    page.source = new EventSource(data.url);
    page.pending = null;
    page.source.onopen = () => { page.connected = true; page.paint && page.paint(); };
    page.source.onerror = () => { page.connected = false; page.paint && page.paint(); };
    page.source.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      page.online = msg.online;
      page.connected = true;
      page.latest = msg;
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

  const offset = data.server_now * 1000 - Date.now();
  page.paint = () => {
    if (online) online.textContent = page.online === undefined ? "" : page.online + " " + data.online_label;
    if (status) status.textContent = page.connected === false ? data.reconnecting_label : "";
    root.classList.toggle("offline", page.connected === false);
  };
  const tick = () => {
    if (!timer) return;
    if (!data.timer_ends_at) { timer.textContent = ""; return; }
    const left = Math.max(0, Math.round((data.timer_ends_at * 1000 - (Date.now() + offset)) / 1000));
    const mm = String(Math.floor(left / 60)).padStart(2, "0");
    const ss = String(left % 60).padStart(2, "0");
    timer.textContent = left > 0 ? "⏱ " + mm + ":" + ss : data.time_up_label;
    timer.classList.toggle("up", left === 0);
  };
  page.paint();
  tick();
  const interval = setInterval(tick, 1000);
  return () => clearInterval(interval);
}
