/**
 * `@venuelab/estimators`: online estimators for market-making agents, and the quoting kit the
 * makers share.
 *
 * Estimators (prices in price ticks, time in ticks):
 * - {@link RealisedVolatility}: rolling realised variance per tick, `sum dx^2 / sum dt`;
 * - {@link EwmaVolatility}: exponentially weighted variance per tick with a half-life in ticks;
 * - {@link FillIntensityEstimator}: Poisson MLE of `lambda(d) = A exp(-k d)` from quote exposure and
 *   fills binned by distance from the reference price;
 * - {@link KalmanDriftFilter}: Kalman filter of an Ornstein-Uhlenbeck drift;
 * - {@link MarketParameters}: the three behind one object, configured by
 *   {@link volatilityConfigSchema}, {@link fillIntensityConfigSchema} and {@link driftConfigSchema}.
 *
 * Quoting kit: {@link MakerAgent} (review cadence, cancel-by-id and repost, the never-marketable and
 * no-self-cross guards, inventory and cash from fills, exposure records for the intensity MLE),
 * {@link makerBaseShape}, {@link referencePrice}, {@link subtractOwn}, {@link priceGrid},
 * {@link resolveTarget}.
 * @packageDocumentation
 */
export * from './realised-volatility.js';
export * from './ewma-volatility.js';
export * from './fill-intensity.js';
export * from './kalman-drift.js';
export * from './market-parameters.js';
export * from './maker/price-grid.js';
export * from './maker/own-orders.js';
export * from './maker/reference-price.js';
export * from './maker/target.js';
export * from './maker/maker-config.js';
export * from './maker/maker-agent.js';
