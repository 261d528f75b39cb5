import { tagging } from './001-tagging';
import { audience } from './002-audience';
import { experiments } from './003-experiments';
import { privacy } from './004-privacy';
import { shadow } from './005-shadow';
import { recommendations } from './006-recommendations';
import { scheduled } from './007-scheduled';
import type { Migration } from './types';

/** Every schema step of the plugin, oldest first. A new step is a new file added at the end. */
export const MIGRATIONS: readonly Migration[] = [
  tagging,
  audience,
  experiments,
  privacy,
  shadow,
  recommendations,
  scheduled,
];
