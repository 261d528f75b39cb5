CREATE DATABASE unleash OWNER strapi;
