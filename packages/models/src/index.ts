/**
 * `@venuelab/models`: the models agent plugins share.
 *
 * - Scalar Gaussian beliefs in natural parameters and their time-aware (Kalman) form
 *   ({@link gaussianUpdate}, {@link kalmanUpdate}, {@link GaussianTracker}); `q = 0` is exactly the
 *   static update.
 * - A multivariate Gaussian belief with the same time-aware step ({@link MultivariateGaussianBelief})
 *   and its closed-form batch posterior ({@link linearGaussianPosterior}).
 * - The latent-factor model contract truth processes provide and joint-factor agents use
 *   ({@link LatentFactorModel}, {@link LatentFactorModelToken}, {@link FactorStateSpace}).
 * - Small dense linear algebra ({@link Matrix}).
 * @packageDocumentation
 */
export * from './gaussian-belief.js';
export * from './gaussian-tracker.js';
export * from './matrix.js';
export * from './multivariate-belief.js';
export * from './factor-model.js';
