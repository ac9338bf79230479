export { startBrowserServer, isAllowedOrigin, type BrowserServer, type BrowserServerOptions } from './browser-server.js';
export { contentSecurityPolicy, readStaticFile } from './static-files.js';
