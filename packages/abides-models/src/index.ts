/**
 * `@venuelab/abides-models`: models shared by the ABIDES-compatible agent plugins (order-size
 * mixture, U-quadratic wake times, exact OU step, the value agent's fundamental estimate).
 * @packageDocumentation
 */
export { ABIDES_ORDER_SIZE, sampleOrderSize, type OrderSizeModel } from './order-size.js';
export { uQuadratic } from './u-quadratic.js';
export { ouTransition, type OuTransition } from './ou.js';
export { FundamentalEstimate, type FundamentalEstimateParams } from './fundamental-estimate.js';
export { OpenOrders } from './open-orders.js';
