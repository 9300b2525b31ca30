// Keeps a key this browser was given (a team link's) in a cookie, so a reload or a
// later visit still opens the team's pages. The key itself never shows on the page.
export default function (component) {
  const { data } = component;
  if (data.cookie) {
    document.cookie = data.cookie + "; path=/; SameSite=Strict; max-age=2592000";
  }
}
