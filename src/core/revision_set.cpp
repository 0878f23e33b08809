#include "core/revision_set.h"

namespace lg {

namespace {

std::vector<std::string_view> views(const std::vector<std::string>& names) {
  return std::vector<std::string_view>(names.begin(), names.end());
}

}  // namespace

RevisionSet::RevisionSet(const std::vector<Revision>& revisions) : name_end_{0} {
  for (const Revision& r : revisions) {
    std::vector<std::string_view> p = views(r.parents), d = views(r.depends_on),
                                  l = views(r.branch_labels);
    add(r.id, p.data(), p.size(), d.data(), d.size(), l.data(), l.size());
  }
}

void RevisionSet::reserve(std::size_t revisions, std::size_t names, std::size_t name_bytes) {
  shape_.reserve(shape_.size() + revisions);
  name_end_.reserve(name_end_.size() + names);
  chars_.reserve(chars_.size() + name_bytes);
}

void RevisionSet::push_name(std::string_view s) {
  chars_.append(s);
  name_end_.push_back(chars_.size());
}

void RevisionSet::add(std::string_view id, const std::string_view* parents, std::size_t nparents,
                      const std::string_view* depends_on, std::size_t ndepends_on,
                      const std::string_view* labels, std::size_t nlabels) {
  shape_.push_back(Shape{name_end_.size() - 1, static_cast<std::uint32_t>(nparents),
                         static_cast<std::uint32_t>(ndepends_on),
                         static_cast<std::uint32_t>(nlabels)});
  push_name(id);
  for (std::size_t k = 0; k < nparents; ++k) push_name(parents[k]);
  for (std::size_t k = 0; k < ndepends_on; ++k) push_name(depends_on[k]);
  for (std::size_t k = 0; k < nlabels; ++k) push_name(labels[k]);
}

void RevisionSet::append(const RevisionSet& other, std::size_t i) {
  const Shape& from = other.shape_[i];
  shape_.push_back(Shape{name_end_.size() - 1, from.nparents, from.ndepends_on, from.nlabels});
  const std::size_t names = 1 + from.nparents + from.ndepends_on + from.nlabels;
  for (std::size_t k = 0; k < names; ++k) push_name(other.name(from.first + k));
}

}  // namespace lg
