/**
 * How every Playwright suite launches Debian's Chromium (no browser is downloaded): its path, and the switches for a
 * machine whose network is closed (no background connections) and a container (no sandbox, no GPU, small /dev/shm).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
