import { TextDecoder, TextEncoder } from 'node:util';

// react-router reads TextEncoder when it loads; jsdom does not provide it. Import this before the router.
Object.assign(globalThis, { TextEncoder, TextDecoder });
