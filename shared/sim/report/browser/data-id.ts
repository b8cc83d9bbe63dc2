/** The id of the `<script type="application/json">` element holding the simulation (page and script both name it). */
export const REPORT_DATA_ID = 'simulation-data';
