'use strict';

// The installed package is found in node_modules by its `strapi.name`; nothing else to configure.
module.exports = () => ({
  personalization: { enabled: true },
});
