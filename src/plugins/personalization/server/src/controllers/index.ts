import consent from './consent';
import erasure from './erasure';
import events from './events';
import flags from './flags';
import health from './health';
import identify from './identify';
import me from './me';
import preview from './preview';
import profiles from './profiles';
import rules from './rules';
import segments from './segments';
import templates from './templates';
import tags from './tags';
import tagging from './tagging';

export default {
  consent,
  erasure,
  events,
  identify,
  me,
  segments,
  flags,
  health,
  preview,
  profiles,
  rules,
  templates,
  tags,
  tagging,
};
