/** Entry point of the `venuelab` command. */
import { main } from './commands.js';

process.exitCode = await main(process.argv.slice(2));
