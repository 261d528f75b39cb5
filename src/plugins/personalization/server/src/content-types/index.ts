import experiment from './experiment';
import flag from './flag';
import rule from './rule';
import segment from './segment';
import template from './template';
import templateVersion from './template-version';

/** The plugin's own records; uids are plugin::personalization.<name>. */
export default {
  template,
  'template-version': templateVersion,
  rule,
  flag,
  segment,
  experiment,
};
