/**
 * The window's Content-Security-Policy. The packaged window loads from
 * `file://`, where response headers do not exist, so `renderer/index.html`
 * carries the same policy in a `<meta http-equiv>` tag; the header (set with
 * `session.webRequest.onHeadersReceived`) covers http(s) loads, i.e. the dev
 * server. `frame-ancestors` only works as a header, hence it is only here.
 */

/** Production policy: only our own files, no inline script or style, no eval, no network but our own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Dev-server policy (`npm run dev` only, never packaged): Vite's client needs
 * its websocket for hot reload and injects component styles as `<style>` tags.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const ws = new URL(devServerUrl);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws.origin}`,
  );
}
