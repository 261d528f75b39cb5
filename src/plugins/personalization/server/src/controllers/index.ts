import audience from './audience';
import audit from './audit';
import consent from './consent';
import erasure from './erasure';
import events from './events';
import experiments from './experiments';
import entries from './entries';
import feedbackAudit from './feedback-audit';
import flags from './flags';
import health from './health';
import identify from './identify';
import me from './me';
import metrics from './metrics';
import preview from './preview';
import recommendations from './recommendations';
import profiles from './profiles';
import reports from './reports';
import rules from './rules';
import segments from './segments';
import stats from './stats';
import templates from './templates';
import tags from './tags';
import tagging from './tagging';
import variants from './variants';

export default {
  audience,
  audit,
  consent,
  erasure,
  events,
  experiments,
  identify,
  metrics,
  me,
  segments,
  stats,
  entries,
  feedbackAudit,
  flags,
  health,
  preview,
  profiles,
  recommendations,
  reports,
  rules,
  templates,
  tags,
  tagging,
  variants,
};
