/** Content types for the interface's built files, as both hosts (app:// and HTTP) serve them. */
const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The type for a file name; anything unknown is served as opaque bytes (and, with nosniff, never run). */
export function mediaTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return mediaTypes[dot === -1 ? '' : fileName.slice(dot).toLowerCase()] ?? 'application/octet-stream';
}
