//! The components that make an entity an agent.

use bevy::prelude::*;

/// An employee: lives inside the organisation's ball.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct Employee;

/// A customer: lives in the shell around the ball.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct Customer;

/// The agent's id within its kind, in hiring order. The random walk is keyed on it,
/// so results do not depend on the order in which a query visits agents.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentId(pub u32);

/// Where the agent is, in model units. Rendering copies it into a `Transform`.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct Position(pub Vec3);

/// Whether an employee had a customer contact in the last count.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FrontOffice(pub bool);

/// The tick of the employee's last customer contact plus one (0: none yet), for reach.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LastContact(pub u32);
