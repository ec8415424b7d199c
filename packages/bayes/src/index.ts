/**
 * `@venuelab/bayes`: Bayesian estimators and the quoting model of a market maker whose every
 * quoting number traces back to a posterior or a measured quantity:
 * - {@link OuDriftKalman}: a Kalman filter on an Ornstein-Uhlenbeck drift whose observation
 *   variances are measured from prediction errors ({@link MeasuredVariance});
 * - {@link NigVolatility}: a Normal-Inverse-Gamma posterior on return drift and variance with a
 *   realised-vs-predicted correction;
 * - {@link KappaPosterior}: Gamma posteriors on `kappa` and `A` from fills against quote distance;
 * - {@link HawkesIntensity}, {@link fitHawkes}: a self-exciting intensity for fill cascades;
 * - {@link MarkoutModel}: the expected adverse move after a fill, per side;
 * - {@link RiskModel}: `log gamma = log gamma_base + sum c tanh(beta_i x_i / c)`;
 * - {@link glftQuote}, {@link glftLadder}: GLFT quotes as reservation price plus half-spread, a
 *   ladder and the expected-PnL filter;
 * - {@link EwmaCovariance}, {@link portfolioReservation}: multi-asset reservation prices;
 * - {@link fitBetas}: the betas from realised markouts (the Parquet reader is the subpath
 *   `@venuelab/bayes/fit-betas`, also a script).
 *
 * The package imports nothing from venuelab: it is plain arithmetic on numbers.
 * @packageDocumentation
 */
export * from './measured-variance.js';
export * from './ou-drift-kalman.js';
export * from './nig-volatility.js';
export * from './kappa-posterior.js';
export * from './hawkes.js';
export * from './markout-model.js';
export * from './risk-model.js';
export * from './glft-quotes.js';
export * from './portfolio.js';
export * from './beta-regression.js';
export * from './normal.js';
