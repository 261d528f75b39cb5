import health from './health';
import tags from './tags';
import tagging from './tagging';

export default {
  health,
  tags,
  tagging,
};
