//! The seam between the organisation and its shapes: what every shape provides, and
//! the macro that dispatches to them.
//!
//! A shape lives in one file of its own (`sphere.rs`, `disc.rs`, `cells.rs`), which
//! implements [`ShapeGeometry`] for its state, [`Walls`] for the region its agents walk
//! in, and [`Motion`] for how its agents already placed move as it grows (or reuses the
//! balls' motion of `step.rs`). `mod.rs` names each shape once, in its `shapes!` list,
//! and builds a shape's state from its [`Shape`](crate::params::Shape) in
//! `Geometry::new`: nothing else matches on shapes.
//!
//! The list becomes three enums, `Geometry`, `Region` and `Moves`, with one `match` per
//! method: calls are static and inlined, so the random walk and the shift of every
//! agent, which run per agent, cost what a hand-written `match` costs.

use std::fmt::Debug;

use glam::Vec3;
use rand_chacha::ChaCha8Rng;

use super::{GrowthStep, Unit};
use crate::params::{ParamError, Params};
use crate::theory;

/// A shape: its parameters, its state while it grows, and its rules.
pub(crate) trait ShapeGeometry: Clone + Debug {
    /// Where its agents walk, borrowed from its state for one tick.
    type Region<'a>: Walls
    where
        Self: 'a;

    /// How the agents already placed move in one growth step.
    type Motion: Motion;

    /// The shape's name as a RON file writes it (its variant of
    /// [`Shape`](crate::params::Shape)).
    fn name(&self) -> &'static str;

    /// Checks the shape's own parameters against `params` (called in
    /// [`Params::validate`] after the growth law, before rotation).
    fn validate(&self, params: &Params) -> Result<(), ParamError> {
        let _ = params;
        Ok(())
    }

    /// Whether employees may swap places (rotation).
    fn rotates(&self) -> bool {
        true
    }

    /// An estimate at the head-count cap of `params`: the customers, and the contacts
    /// expected per frame, for [`Params::footprint`].
    fn footprint(&self, params: &Params) -> (f64, f64);

    /// Grows from `employees` to head count `n`: places the new hires and customers in
    /// `step`, drawing from `rng`, and returns how the agents already placed move.
    fn grow(
        &mut self,
        employees: u32,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) -> Self::Motion;

    /// Where agents walk now, the customer regions `w` thick.
    fn region(&self, w: f64) -> Self::Region<'_>;

    /// The expected customer ratio and front-office share now, for `employees` in all.
    fn expected(&self, params: &Params, employees: u32) -> theory::Expected;

    /// The organisation's size, as [`Organisation::radius`](super::Organisation::radius)
    /// reports it.
    fn radius(&self) -> f64;

    /// The radius of a ball around the origin that holds every agent, the customer
    /// regions `w` thick.
    fn outer_radius(&self, w: f64) -> f64;

    /// Its units (balls), if it is made of any.
    fn units(&self) -> &[Unit] {
        &[]
    }

    /// Each employee's and each customer's unit, by id, if it keeps them.
    fn units_by_agent_mut(&mut self) -> Option<(&mut Vec<u32>, &mut Vec<u32>)> {
        None
    }

    /// The unit of employee `id`.
    fn employee_unit(&self, id: u32) -> u32 {
        let _ = id;
        0
    }

    /// The unit of customer `id`.
    fn customer_unit(&self, id: u32) -> u32 {
        let _ = id;
        0
    }
}

/// The walls of a shape's region: where an agent's step lands it back inside.
pub(crate) trait Walls: Copy + Debug {
    /// Employee `id`, stepped to `q`, reflected back into its region.
    fn employee(&self, q: Vec3, id: u32) -> Vec3;

    /// Customer `id`, stepped to `q`, reflected back into its region.
    fn customer(&self, q: Vec3, id: u32) -> Vec3;
}

/// How a growth step moves the agents already placed.
pub(crate) trait Motion: Clone + Debug + PartialEq {
    /// Whether existing customers move.
    fn moves_customers(&self) -> bool;

    /// Whether existing employees move.
    fn moves_employees(&self) -> bool;

    /// An existing customer at `p`, of unit `unit`, moved; customer regions `w` thick.
    fn shift_customer(&self, p: Vec3, unit: u32, w: f64) -> Vec3;

    /// An existing employee at `p`, of unit `unit`, moved.
    fn shift_employee(&self, p: Vec3, unit: u32) -> Vec3;
}

/// Declares the shapes, each as `Name(its ShapeGeometry)`: the enums `Geometry` (each
/// shape's state), `Region` (where agents walk) and `Moves` (how a step moves agents,
/// or nothing), each with a variant per shape, and their methods, each one `match`.
macro_rules! shapes {
    ($($shape:ident($geometry:ty),)+) => {
        use $crate::organisation::shape::{Motion as _, ShapeGeometry as _, Walls as _};

        /// The state of the shape's geometry, each shape's own.
        #[derive(Clone, Debug)]
        pub(crate) enum Geometry {
            $(
                #[doc = concat!("The ", stringify!($shape), ".")]
                $shape($geometry),
            )+
        }

        /// Where each agent may walk, each shape's own region.
        #[derive(Clone, Copy, Debug)]
        pub(crate) enum Region<'a> {
            $(
                #[doc = concat!("The ", stringify!($shape), "'s.")]
                $shape(<$geometry as $crate::organisation::shape::ShapeGeometry>::Region<'a>),
            )+
        }

        /// How the agents already placed move in a step, each shape's own way.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub(crate) enum Moves {
            /// Nothing moves.
            #[default]
            Still,
            $(
                #[doc = concat!("The ", stringify!($shape), "'s.")]
                $shape(<$geometry as $crate::organisation::shape::ShapeGeometry>::Motion),
            )+
        }

        impl Geometry {
            /// `ShapeGeometry::name`.
            pub(crate) fn name(&self) -> &'static str {
                match self { $(Self::$shape(g) => g.name(),)+ }
            }

            /// `ShapeGeometry::validate`.
            pub(crate) fn validate(
                &self,
                params: &$crate::params::Params,
            ) -> Result<(), $crate::params::ParamError> {
                match self { $(Self::$shape(g) => g.validate(params),)+ }
            }

            /// `ShapeGeometry::rotates`.
            pub(crate) fn rotates(&self) -> bool {
                match self { $(Self::$shape(g) => g.rotates(),)+ }
            }

            /// `ShapeGeometry::footprint`.
            pub(crate) fn footprint(&self, params: &$crate::params::Params) -> (f64, f64) {
                match self { $(Self::$shape(g) => g.footprint(params),)+ }
            }

            /// `ShapeGeometry::grow`, with its motion put in `step`.
            fn grow(
                &mut self,
                employees: u32,
                n: u32,
                params: &$crate::params::Params,
                rng: &mut ::rand_chacha::ChaCha8Rng,
                step: &mut $crate::organisation::GrowthStep,
            ) {
                step.moves = match self {
                    $(Self::$shape(g) => {
                        Moves::$shape(g.grow(employees, n, params, rng, step))
                    })+
                };
            }

            /// `ShapeGeometry::region`.
            fn region(&self, w: f64) -> Region<'_> {
                match self { $(Self::$shape(g) => Region::$shape(g.region(w)),)+ }
            }

            /// `ShapeGeometry::expected`.
            fn expected(
                &self,
                params: &$crate::params::Params,
                employees: u32,
            ) -> $crate::theory::Expected {
                match self { $(Self::$shape(g) => g.expected(params, employees),)+ }
            }

            /// `ShapeGeometry::radius`.
            fn radius(&self) -> f64 {
                match self { $(Self::$shape(g) => g.radius(),)+ }
            }

            /// `ShapeGeometry::outer_radius`.
            fn outer_radius(&self, w: f64) -> f64 {
                match self { $(Self::$shape(g) => g.outer_radius(w),)+ }
            }

            /// `ShapeGeometry::units`.
            fn units(&self) -> &[$crate::organisation::Unit] {
                match self { $(Self::$shape(g) => g.units(),)+ }
            }

            /// `ShapeGeometry::units_by_agent_mut`.
            fn units_by_agent_mut(&mut self) -> Option<(&mut Vec<u32>, &mut Vec<u32>)> {
                match self { $(Self::$shape(g) => g.units_by_agent_mut(),)+ }
            }

            /// `ShapeGeometry::employee_unit`.
            #[inline]
            fn employee_unit(&self, id: u32) -> u32 {
                match self { $(Self::$shape(g) => g.employee_unit(id),)+ }
            }

            /// `ShapeGeometry::customer_unit`.
            #[inline]
            fn customer_unit(&self, id: u32) -> u32 {
                match self { $(Self::$shape(g) => g.customer_unit(id),)+ }
            }
        }

        impl Region<'_> {
            /// `Walls::employee`.
            #[inline]
            pub(crate) fn employee(&self, q: ::glam::Vec3, id: u32) -> ::glam::Vec3 {
                match self { $(Self::$shape(r) => r.employee(q, id),)+ }
            }

            /// `Walls::customer`.
            #[inline]
            pub(crate) fn customer(&self, q: ::glam::Vec3, id: u32) -> ::glam::Vec3 {
                match self { $(Self::$shape(r) => r.customer(q, id),)+ }
            }
        }

        impl Moves {
            /// `Motion::moves_customers`.
            pub(crate) fn moves_customers(&self) -> bool {
                match self {
                    Self::Still => false,
                    $(Self::$shape(m) => m.moves_customers(),)+
                }
            }

            /// `Motion::moves_employees`.
            pub(crate) fn moves_employees(&self) -> bool {
                match self {
                    Self::Still => false,
                    $(Self::$shape(m) => m.moves_employees(),)+
                }
            }

            /// `Motion::shift_customer`.
            #[inline]
            pub(crate) fn shift_customer(
                &self,
                p: ::glam::Vec3,
                unit: u32,
                w: f64,
            ) -> ::glam::Vec3 {
                match self {
                    Self::Still => p,
                    $(Self::$shape(m) => m.shift_customer(p, unit, w),)+
                }
            }

            /// `Motion::shift_employee`.
            #[inline]
            pub(crate) fn shift_employee(&self, p: ::glam::Vec3, unit: u32) -> ::glam::Vec3 {
                match self {
                    Self::Still => p,
                    $(Self::$shape(m) => m.shift_employee(p, unit),)+
                }
            }

            /// `Motion::shift_customer` for every customer, `customers[id]` of unit
            /// `unit(id)`, on all cores: one `match` for the step, not one per customer.
            pub(crate) fn shift_customers(
                &self,
                customers: &mut [::glam::Vec3],
                unit: impl Fn(u32) -> u32 + Sync,
                w: f64,
            ) {
                use $crate::organisation::step::each_agent;
                match self {
                    Self::Still => {}
                    $(Self::$shape(m) => {
                        each_agent(customers, |p, id| m.shift_customer(p, unit(id), w))
                    })+
                }
            }

            /// `Motion::shift_employee` for every employee, `employees[id]` of unit
            /// `unit(id)`, on all cores: one `match` for the step, not one per employee.
            pub(crate) fn shift_employees(
                &self,
                employees: &mut [::glam::Vec3],
                unit: impl Fn(u32) -> u32 + Sync,
            ) {
                use $crate::organisation::step::each_agent;
                match self {
                    Self::Still => {}
                    $(Self::$shape(m) => {
                        each_agent(employees, |p, id| m.shift_employee(p, unit(id)))
                    })+
                }
            }
        }
    };
}

pub(super) use shapes;
