import flags from './flags';
import health from './health';
import preview from './preview';
import rules from './rules';
import templates from './templates';
import tags from './tags';
import tagging from './tagging';

export default {
  flags,
  health,
  preview,
  rules,
  templates,
  tags,
  tagging,
};
