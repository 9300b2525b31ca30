// A participant's browser remembers who it is in each workshop: a cookie per workshop
// holds the personal token, so Back, a reload or a new tab on the bare workshop address
// finds the same person. The token never shows on the page.
export default function (component) {
  const { data, setTriggerValue } = component;
  const age = "; path=/; SameSite=Strict; max-age=2592000";
  if (data.token) {
    document.cookie = data.cookie + "=" + data.token + age;
    return undefined;
  }
  if (!data.watch) return undefined;
  // The join form: another tab of this browser may join meanwhile. Look at the cookie
  // now and then, so this tab becomes that person instead of offering a second join.
  const read = () => {
    const pair = document.cookie.split("; ").find((c) => c.startsWith(data.cookie + "="));
    return pair ? pair.slice(data.cookie.length + 1) : "";
  };
  let told = "";
  const look = () => {
    const token = read();
    if (token && token !== told && token !== data.refused) {
      told = token;
      setTriggerValue("found", token);
    }
  };
  look();
  const interval = setInterval(look, 1000);
  return () => clearInterval(interval);
}
