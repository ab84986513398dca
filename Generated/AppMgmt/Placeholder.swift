// Placeholder until the generator writes this module.
