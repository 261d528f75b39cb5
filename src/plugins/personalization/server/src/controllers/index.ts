import entries from './entries';
import flags from './flags';
import health from './health';
import preview from './preview';
import rules from './rules';
import templates from './templates';
import tags from './tags';
import tagging from './tagging';
import variants from './variants';

export default {
  entries,
  flags,
  health,
  preview,
  rules,
  templates,
  tags,
  tagging,
  variants,
};
