import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's chromium (installed by `.ci/run`); playwright's own browsers are never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One Chromium for a test file, launched once the web UI is built (`beforeAll`) and closed after
 * the file (`afterAll`); returns how to open a page in it.
 */
export function browserForSuite(
  beforeLaunch: () => void,
): (options?: BrowserContextOptions) => Promise<Page> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    beforeLaunch();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  return (options) => {
    if (!browser) throw new Error('the browser is not launched yet (open pages inside tests)');
    return browser.newPage(options);
  };
}
