package dev.tickerplant.config;

/** Read access to settings already resolved, for defaults that depend on another setting. */
interface Lookup {

    <T> T get(Setting<T> setting);
}
