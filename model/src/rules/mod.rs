//! Contact rules: how colleagues come into contact, each in a file of its own with its
//! count and its expectation for the sphere (`docs/MODEL.md`, "What makes 1/R?").
//!
//! - the hard reach ([`Rule::Reach`]): the essay's model, counted by the grid of
//!   `contacts` and expected by `theory`;
//! - everyone with everyone ([`Rule::Everyone`]): `n(n−1)/2` colleague contacts, in
//!   closed form; customers by the hard reach;
//! - a fade ([`Rule::Fade`], `fade`): the expected number of contacts at a chance that
//!   falls exponentially with distance, for colleagues and customers alike;
//! - a cap ([`Rule::Cap`], `cap`): each employee keeps at most `k` colleagues within
//!   `d`; customers by the hard reach.
//!
//! The rules other than the reach are bolwerk's own exploration, worked out for the
//! sphere: another shape takes the hard reach only.

mod cap;
mod cells;
pub mod fade;

use glam::Vec3;

pub use cap::{
    internal_expected as cap_internal_expected, kept_brute_force, mean_capped, mean_capped_binomial,
};

use crate::contacts::PairKind;
use crate::contacts::{ContactCounts, ContactGrid, brute_force as reach_brute_force};
use crate::geometry::{ball_volume, radius_for};
use crate::params::{Allowed, MAX_CAP, ParamError, Params, Rule, Shape, out_of_range};
use crate::sampling::{LineSampler, SampledPair};
use crate::theory::{self, Expected, customer_expected, front_office_expected};

/// The counts of one frame under a rule.
///
/// Under the hard reach and everyone-with-everyone they are whole numbers; under a cap
/// the colleague contacts may end in a half; under a fade they are expected numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Contacts between colleagues.
    pub internal: f64,
    /// Customer contacts.
    pub customer: f64,
    /// Employees in customer contact (under a fade: their expected number).
    pub front_office: f64,
    /// Head count the counts were taken over.
    pub employees: u32,
}

impl Counts {
    /// Customer contacts per contact between colleagues (0 without the latter).
    pub fn ratio(&self) -> f64 {
        if self.internal > 0.0 {
            self.customer / self.internal
        } else {
            0.0
        }
    }

    /// The share of employees in customer contact (0 without employees).
    pub fn front_office_share(&self) -> f64 {
        if self.employees == 0 {
            0.0
        } else {
            self.front_office / f64::from(self.employees)
        }
    }
}

impl From<ContactCounts> for Counts {
    fn from(c: ContactCounts) -> Self {
        Counts {
            internal: c.internal as f64,
            customer: c.customer as f64,
            front_office: f64::from(c.front_office),
            employees: c.employees,
        }
    }
}

/// Counts a rule's contacts, keeping its buffers between frames.
#[derive(Clone, Debug, Default)]
pub struct Counter {
    /// Under a fade, who met a customer, by index.
    front: Vec<bool>,
    /// The fade's and the cap's cells.
    cells: cells::Cells,
    /// Under a cap, how far each employee's kept relations reach, squared.
    reach2: Vec<f32>,
}

impl Counter {
    /// Counts the contacts of `employees` and `customers` under `params`'s rule. The
    /// grid counts the pairs within `d` first (under the hard reach, the count); each
    /// rule then counts what it counts in its own way. The grid's front-office flags are
    /// the rule's afterwards: under a fade, drawn with each employee's chance, keyed on
    /// `(seed, tick)`.
    ///
    /// With a `sampler`, it keeps a fair sample of the contacts for lines: the grid's
    /// uniform sample of the pairs within `d` under the hard reach; under a cap, that
    /// sample thinned to the relations kept (a one-sided one at half the chance); under
    /// a fade, every pair within the cut-off at its chance ([`fade`]); with everyone,
    /// colleague pairs drawn from all of them ([`LineSampler`]'s `with_everyone`).
    pub fn count(
        &mut self,
        params: &Params,
        (employees, customers): (&[Vec3], &[Vec3]),
        key: (u64, u64),
        grid: &mut ContactGrid,
        sampler: Option<&mut LineSampler>,
    ) -> Counts {
        let d = params.d as f32;
        let fade = matches!(params.rule, Rule::Fade { .. });
        let mut sampler = sampler;
        let within: Counts = match sampler.as_deref_mut() {
            Some(sampler) if !fade => grid.count_sampled(employees, customers, d, sampler),
            _ => grid.count(employees, customers, d),
        }
        .into();
        match params.rule {
            Rule::Reach => within,
            Rule::Everyone => {
                if let Some(sampler) = sampler {
                    sampler.with_everyone(employees.len() as u32, within.customer as u64);
                }
                Counts {
                    internal: everyone(employees.len()),
                    ..within
                }
            }
            Rule::Fade { length } => {
                let buffers = (&mut self.cells, &mut self.front);
                let counts = fade::count(employees, customers, length, key, buffers);
                grid.set_front_office(&self.front);
                if let Some(sampler) = sampler {
                    let all = counts.internal + counts.customer;
                    let lines = fade::lines(length, key, &self.cells, (all, sampler.cap()));
                    sampler.replace_with(lines, all.round() as u64);
                }
                counts
            }
            Rule::Cap { k } => {
                let internal = cap::kept(employees, d, k, &mut self.cells) as f64 / 2.0;
                if let Some(sampler) = sampler {
                    cap::reach2(d, k, &self.cells, &mut self.reach2);
                    let reach2 = &self.reach2;
                    // Whether employee `i` keeps colleague `j`, as 0 or 1.
                    let keeps = |i: u32, j: u32| {
                        let r2 = employees[i as usize].distance_squared(employees[j as usize]);
                        f64::from(u8::from(r2 <= reach2[i as usize]))
                    };
                    let weight = |p: &SampledPair| match p.kind {
                        PairKind::Internal => {
                            (keeps(p.employee, p.other) + keeps(p.other, p.employee)) / 2.0
                        }
                        PairKind::Customer => 1.0,
                    };
                    sampler.thin(weight, (internal + within.customer).round() as u64);
                }
                Counts { internal, ..within }
            }
        }
    }
}

/// `n (n − 1) / 2`, exact in `f64` for any head count a run may have.
fn everyone(n: usize) -> f64 {
    let n = n as f64;
    n * (n - 1.0) / 2.0
}

/// The counts over every pair, for the tests: O(N²).
pub fn brute_force(params: &Params, employees: &[Vec3], customers: &[Vec3]) -> Counts {
    let d = params.d as f32;
    let reach: Counts = reach_brute_force(employees, customers, d).into();
    match params.rule {
        Rule::Reach => reach,
        Rule::Everyone => Counts {
            internal: everyone(employees.len()),
            ..reach
        },
        Rule::Fade { length } => fade::brute_force(employees, customers, length),
        Rule::Cap { k } => Counts {
            internal: kept_brute_force(employees, d, k) as f64 / 2.0,
            ..reach
        },
    }
}

/// Checks the rule's own setting, and that a rule other than the reach comes with the
/// sphere.
pub(crate) fn validate(params: &Params) -> Result<(), ParamError> {
    match params.rule {
        Rule::Reach => return Ok(()),
        Rule::Everyone => {}
        Rule::Fade { length } => {
            if !(length.is_finite() && length > 0.0 && length <= params.d) {
                return Err(out_of_range(
                    "length",
                    length,
                    Allowed::AboveZeroUpToD(params.d),
                ));
            }
        }
        Rule::Cap { k } => {
            if !(1..=MAX_CAP).contains(&k) {
                return Err(out_of_range("k", k, Allowed::Count(MAX_CAP)));
            }
        }
    }
    if params.shape != Shape::Sphere {
        return Err(out_of_range(
            "rule",
            rule_name(params.rule),
            Allowed::ReachUnlessSphere,
        ));
    }
    Ok(())
}

/// The rule's name as a RON file writes it.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::Reach => "Reach",
        Rule::Everyone => "Everyone",
        Rule::Fade { .. } => "Fade",
        Rule::Cap { .. } => "Cap",
    }
}

/// The pairs a frame looks at, for the footprint: the shape's `contacts` at the cap
/// (the grid counts them under every rule), and under a fade also the pairs within its
/// cut-off, which each cost a look.
pub(crate) fn footprint(params: &Params, contacts: f64) -> f64 {
    match params.rule {
        Rule::Fade { length } => {
            let n = f64::from(params.max_employees);
            let cut = fade::CUTOFF_LENGTHS * length;
            let shell = params.rho_c
                * crate::geometry::shell_volume_around(
                    radius_for(params.max_employees, params.rho),
                    params.shell_width(),
                );
            contacts + (n / 2.0 + shell) * params.rho * ball_volume(cut)
        }
        _ => contacts,
    }
}

/// The expectations now for a sphere of radius `radius` holding `employees`, under the
/// rule of `params`; `None` under the hard reach, which the shape expects itself.
pub fn expected(params: &Params, radius: f64, employees: u32) -> Option<Expected> {
    (params.rule != Rule::Reach).then(|| Expected {
        radius,
        ratio: sphere_ratio(params, radius, employees),
        front_office_share: sphere_front_office(params, radius),
    })
}

/// The expected customer contacts per contact between colleagues of a sphere of radius
/// `radius` holding `employees`, under `params`'s rule, the hard reach's included (the
/// cheaper half of [`expected`], for a curve of many points).
pub fn sphere_ratio(params: &Params, radius: f64, employees: u32) -> f64 {
    let p = params;
    let (internal, customer) = match p.rule {
        Rule::Reach => return theory::ratio_exact(p.rho, p.rho_c, p.d, radius),
        Rule::Everyone => (
            everyone(employees as usize),
            customer_expected(p.rho, p.rho_c, p.d, radius),
        ),
        Rule::Fade { length } => (
            fade::internal_expected(p.rho, length, radius),
            fade::customer_expected(p.rho, p.rho_c, length, radius, p.shell_width()),
        ),
        Rule::Cap { k } => (
            cap::internal_expected(employees, p.d, radius, k),
            customer_expected(p.rho, p.rho_c, p.d, radius),
        ),
    };
    if internal > 0.0 {
        customer / internal
    } else {
        0.0
    }
}

/// The expected share of employees in customer contact of a sphere of radius `radius`,
/// under `params`'s rule: the hard reach's but under a fade.
pub fn sphere_front_office(params: &Params, radius: f64) -> f64 {
    let p = params;
    match p.rule {
        Rule::Fade { length } => {
            fade::front_office_expected(p.rho_c, length, radius, p.shell_width())
        }
        Rule::Reach | Rule::Everyone | Rule::Cap { .. } => {
            front_office_expected(p.rho_c, p.d, radius)
        }
    }
}

/// The ratio for a large sphere under `params`'s rule, to leading order in `d / R`
/// (`docs/MODEL.md`): the law the exact expectation tends to.
pub fn ratio_leading(params: &Params, radius: f64) -> f64 {
    let p = params;
    let reach = theory::ratio_leading(p.rho, p.rho_c, p.d, radius);
    match p.rule {
        Rule::Reach => reach,
        Rule::Everyone => reach * (p.d / radius).powi(3),
        Rule::Fade { length } => fade::ratio_leading(p.rho, p.rho_c, length, radius),
        Rule::Cap { k } => {
            let mean = p.rho * theory::contact_volume(p.d);
            reach * mean / mean_capped(k, mean)
        }
    }
}
