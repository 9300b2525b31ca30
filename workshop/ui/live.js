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

  // Rerun when the page shows an older state than the stream announced. A rerun can be
  // lost (after a server restart the old fragment is gone), so look again; after three
  // misses reload the page, which keeps identity: it is in the address and a cookie.
  page.catchUp = () => {
    const msg = page.latest;
    const stale = msg && (msg.rev !== page.rendered ||
      (page.watchPresence && msg.presence !== page.presenceRendered));
    if (!stale) { page.misses = 0; return; }
    if (page.pending) return;
    // Coalesce bursts: one rerun per 250 ms at most, with the newest state.
    page.pending = setTimeout(() => {
      page.misses = (page.misses || 0) + 1;
      if (page.misses > 3) { window.location.reload(); return; }
      page.trigger("changed", Date.now());
      page.pending = setTimeout(() => { page.pending = null; page.catchUp(); }, 2000);
    }, 250);
  };
  if (page.pending) clearTimeout(page.pending); // a fresh render: judge again from here
  page.pending = null;
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
