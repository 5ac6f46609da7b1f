//! What a count is: the two kinds of pair, the counts of one frame, the contact test,
//! and the O(N²) count that the grid must equal.

use glam::Vec3;

/// The two kinds of contact that count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairKind {
    /// Employee–employee.
    Internal,
    /// Employee–customer.
    Customer,
}

/// The counts of one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContactCounts {
    /// Employee–employee pairs within `d`.
    pub internal: u64,
    /// Employee–customer pairs within `d`.
    pub customer: u64,
    /// Employees with at least one customer contact (the front office).
    pub front_office: u32,
    /// Head count the counts were taken over.
    pub employees: u32,
}

impl ContactCounts {
    /// Customer contacts per internal contact (0 when there are no internal contacts).
    pub fn ratio(&self) -> f64 {
        if self.internal == 0 {
            0.0
        } else {
            self.customer as f64 / self.internal as f64
        }
    }

    /// The share of employees with a customer contact (0 without employees).
    pub fn front_office_share(&self) -> f64 {
        if self.employees == 0 {
            0.0
        } else {
            f64::from(self.front_office) / f64::from(self.employees)
        }
    }

    /// Adds `other`'s pairs and front office (not its head count: the slabs of one count
    /// share it).
    pub(super) fn add(&mut self, other: &ContactCounts) {
        self.internal += other.internal;
        self.customer += other.customer;
        self.front_office += other.front_office;
    }
}

/// The contact test that both the grid and the brute force use.
#[inline(always)]
pub fn in_contact(a: Vec3, b: Vec3, d2: f32) -> bool {
    let (dx, dy, dz) = (a.x - b.x, a.y - b.y, a.z - b.z);
    dx * dx + dy * dy + dz * dz <= d2
}

/// Counts every pair with two nested loops: O(N²), the reference for tests and benchmarks.
pub fn brute_force(employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
    let d2 = d * d;
    let mut counts = ContactCounts {
        employees: employees.len() as u32,
        ..ContactCounts::default()
    };
    for (i, &a) in employees.iter().enumerate() {
        counts.internal += employees[i + 1..]
            .iter()
            .filter(|&&b| in_contact(a, b, d2))
            .count() as u64;
        let c = customers.iter().filter(|&&b| in_contact(a, b, d2)).count() as u64;
        counts.customer += c;
        counts.front_office += u32::from(c > 0);
    }
    counts
}
