/** The plugin's own content types (templates, rules, tag metadata…) arrive with the issues that use them. */
export default {};
