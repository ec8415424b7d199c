/** Version of `@venuelab/kernel` (kept equal to package.json by a test). Plugins declare a semver range against it. */
export const KERNEL_VERSION = '0.1.0';
