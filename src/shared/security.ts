/**
 * The Content-Security-Policy every host sends with the interface. Scripts only from the
 * app itself; no network but the app's own origin. Styles allow 'unsafe-inline' because
 * Observable Plot writes a <style> element and style attributes into each chart's SVG;
 * inline styles cannot run code, inline scripts (which stay forbidden) could.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
