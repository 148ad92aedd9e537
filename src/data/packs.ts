/** Where the bundled knowledge packs live. */
import { fileURLToPath } from 'node:url';

/** The pack the bot serves unless configured otherwise. */
export const DEFAULT_PACK_DIR = fileURLToPath(new URL('./atlanta-2017/', import.meta.url));
